package org.latentlens.ui.encode;

import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.latentlens.ui.common.FxImages;
import org.latentlens.ui.common.ModelSession;

/** Original | reconstruction | current edit, side by side, shown once an image has been encoded. */
public final class EncodeView {
    private static final double SIDE = 160;
    private final EncodeViewModel vm;
    private final DoubleProperty paneSide = new SimpleDoubleProperty(SIDE);
    private final ModelSession session;

    private final Consumer<float[][]> exportInterpolation;

    /**
     * A view of {@code vm}; the edit pane follows {@code session}'s render; the strip button hands the two
     * encoded codes to {@code exportInterpolation}.
     */
    public EncodeView(EncodeViewModel vm, ModelSession session, Consumer<float[][]> exportInterpolation) {
        this.vm = vm;
        this.session = session;
        this.exportInterpolation = exportInterpolation;
    }

    /** Side of each of the three pictures in pixels (160 unless the window is narrow). */
    public DoubleProperty paneSideProperty() {
        return paneSide;
    }

    /** The photo with its faces, the three panes, the metrics, the interpolation slider and the face setting. */
    public Node root() {
        ImageView original = pane("encode-original");
        ImageView reconstruction = pane("encode-reconstruction");
        ImageView edit = pane("encode-edit");
        vm.originalProperty().addListener((o, was, now) -> original.setImage(FxImages.toFx(now)));
        vm.reconstructionProperty().addListener((o, was, now) -> reconstruction.setImage(FxImages.toFx(now)));
        session.renderProperty()
                .addListener((o, was, now) -> edit.setImage(
                        vm.originalProperty().get() == null || now == null ? null : FxImages.toFx(now.image())));
        vm.originalProperty().addListener((o, was, now) -> {
            var r = session.renderProperty().get();
            edit.setImage(now == null || r == null ? null : FxImages.toFx(r.image()));
        });
        HBox panes = new HBox(
                12,
                captioned(original, "Original"),
                captioned(reconstruction, "Reconstruction"),
                captioned(edit, "Current edit"));
        panes.setAlignment(Pos.CENTER);
        Label metrics = new Label();
        metrics.setId("encode-metrics");
        metrics.textProperty().bind(vm.metricsProperty());
        metrics.setWrapText(true);
        metrics.setMaxWidth(520);
        Label error = new Label();
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b00020");
        error.textProperty().bind(vm.errorProperty());
        Slider mix = new Slider(0, 1, 1);
        mix.valueProperty().bindBidirectional(vm.mixProperty());
        mix.setPrefWidth(300);
        mix.setMinWidth(60);
        HBox.setHgrow(mix, Priority.SOMETIMES);
        Label from = new Label("Previous image");
        Label to = new Label("Latest image");
        Button strip = new Button("Export strip...");
        strip.setOnAction(e -> vm.interpolationEnds().ifPresent(exportInterpolation));
        // Never "Previous i...": the slider gives way, and a very narrow window scrolls.
        for (Region r : new Region[] {from, to, strip}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox ends = new HBox(8, from, mix, to);
        ends.setAlignment(Pos.CENTER);
        VBox interpolate = new VBox(6, ends, strip);
        interpolate.setAlignment(Pos.CENTER);
        interpolate.visibleProperty().bind(vm.canInterpolateProperty());
        interpolate.managedProperty().bind(interpolate.visibleProperty());
        FacesView faces = new FacesView(vm);
        VBox box = new VBox(8, faces.photoRow(), panes, metrics, interpolate, error, faces.setting());
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(8));
        box.visibleProperty()
                .bind(vm.originalProperty().isNotNull().or(vm.errorProperty().isNotEmpty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private ImageView pane(String id) {
        ImageView v = new ImageView();
        v.setId(id);
        v.fitWidthProperty().bind(paneSide);
        v.fitHeightProperty().bind(paneSide);
        v.setSmooth(false);
        return v;
    }

    private static Node captioned(ImageView view, String caption) {
        Label label = new Label(caption);
        label.setMinWidth(Region.USE_PREF_SIZE);
        VBox b = new VBox(4, view, label);
        b.setAlignment(Pos.CENTER);
        return b;
    }
}
