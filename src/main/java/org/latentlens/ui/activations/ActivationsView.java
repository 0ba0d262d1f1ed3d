package org.latentlens.ui.activations;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.latentlens.ui.common.FxImages;

/** A collapsible "Generator activations" panel; shown only for models that export their feature maps. */
public final class ActivationsView {
    private final ActivationsViewModel vm;

    /** A view of {@code vm}. */
    public ActivationsView(ActivationsViewModel vm) {
        this.vm = vm;
    }

    /** The panel: collapsed at first, so that nothing is computed until it is opened. */
    public Node panel() {
        ImageView maps = new ImageView();
        maps.setId("activations-sheet");
        maps.setPreserveRatio(true);
        maps.setFitWidth(220);
        maps.setSmooth(false);
        vm.sheetProperty().addListener((o, was, now) -> maps.setImage(now == null ? null : FxImages.toFx(now)));
        Label caption = new Label();
        caption.setId("activations-caption");
        caption.setWrapText(true);
        caption.setMaxWidth(220);
        caption.textProperty().bind(vm.captionProperty());
        TitledPane pane = new TitledPane("Generator activations", new VBox(4, maps, caption));
        pane.setId("activations");
        pane.setExpanded(false);
        vm.shownProperty().bind(pane.expandedProperty());
        pane.visibleProperty().bind(vm.availableProperty());
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }
}
