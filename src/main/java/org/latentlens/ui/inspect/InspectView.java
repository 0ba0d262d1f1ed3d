package org.latentlens.ui.inspect;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import org.latentlens.ui.common.FxImages;
import org.latentlens.ui.common.ModelSession;

/** The discriminator panel and the saliency overlay drawn over the generated face. */
public final class InspectView {
    private final InspectViewModel vm;
    private final ModelSession session;
    private final ImageView overlay = new ImageView();

    /**
     * A view of {@code vm}; the overlay toggle and the panel's availability follow {@code session}; the overlay is
     * {@code imageSide} pixels square, the size of the face it covers.
     */
    public InspectView(InspectViewModel vm, ModelSession session, double imageSide) {
        this.vm = vm;
        this.session = session;
        overlay.setId("saliency-overlay");
        overlay.setFitWidth(imageSide);
        overlay.setFitHeight(imageSide);
        overlay.setSmooth(true);
        overlay.setMouseTransparent(true);
        overlay.opacityProperty().bind(vm.opacityProperty());
        overlay.visibleProperty().bind(session.saliencyVisibleProperty());
        vm.heatmapProperty().addListener((obs, was, now) -> overlay.setImage(FxImages.toFx(now)));
    }

    /** The heat overlay, to stack on the generated image. */
    public ImageView overlay() {
        return overlay;
    }

    /** The right-hand panel. */
    public Node panel() {
        Label title = new Label("What the discriminator sees");
        title.setWrapText(true);
        title.setStyle("-fx-font-weight: bold");
        var statement = vm.realismStatementProperty();
        Label realism = new Label();
        realism.setId("realism-label");
        realism.setWrapText(true);
        realism.textProperty()
                .bind(Bindings.createStringBinding(() -> statement.get().text(), statement));
        // One message for realism: the out-of-range warning is part of the statement and only turns it red.
        realism.styleProperty()
                .bind(Bindings.createStringBinding(
                        () -> statement.get().alarm() ? "-fx-text-fill: #b00020" : "", statement));
        Tooltip detail = new Tooltip();
        detail.setWrapText(true);
        detail.setMaxWidth(460);
        detail.setShowDuration(Duration.seconds(30));
        detail.textProperty()
                .bind(Bindings.createStringBinding(() -> statement.get().detail(), statement));
        realism.setTooltip(detail);
        // Off by default: the heat speckles read as GAN artefacts to someone who did not ask for them.
        CheckBox showSaliency = new CheckBox("Show what drives the realism score (saliency)");
        showSaliency.setId("saliency-toggle");
        showSaliency.setWrapText(true);
        showSaliency.selectedProperty().bindBidirectional(session.saliencyVisibleProperty());
        showSaliency.disableProperty().bind(session.canShowSaliencyProperty().not());
        Slider opacity = new Slider(0, 1, 0.3);
        opacity.setId("saliency-opacity");
        opacity.valueProperty().bindBidirectional(vm.opacityProperty());
        opacity.disableProperty().bind(session.saliencyVisibleProperty().not());
        Label opacityLabel = new Label("Overlay opacity");
        // The colour map's legend: the overlay is red whose opacity (and a shift to orange) grows with how strongly a
        // pixel moves the realism score, normalised to the image's 99th percentile (InspectViewModel.heat).
        Rectangle ramp = new Rectangle(
                120,
                10,
                new LinearGradient(
                        0,
                        0,
                        1,
                        0,
                        true,
                        CycleMethod.NO_CYCLE,
                        new Stop(0, Color.rgb(255, 0, 0, 0)),
                        new Stop(1, Color.rgb(255, 200, 0, 1))));
        ramp.setStroke(Color.GREY);
        HBox mapLegend = new HBox(6, new Label("little effect"), ramp, new Label("most"));
        mapLegend.setId("saliency-legend");
        mapLegend.setAlignment(Pos.CENTER_LEFT);
        mapLegend.visibleProperty().bind(session.saliencyVisibleProperty());
        mapLegend.managedProperty().bind(mapLegend.visibleProperty());
        Label absent =
                new Label("This model has no discriminator: there is no realism score or attribute readout to show.");
        absent.setId("no-discriminator");
        absent.setWrapText(true);
        absent.visibleProperty()
                .bind(session.canDiscriminateProperty()
                        .not()
                        .and(session.modelProperty().isNotNull()));
        absent.managedProperty().bind(absent.visibleProperty());
        ListView<InspectViewModel.Readout> readouts = new ListView<>(vm.readouts());
        readouts.setPrefHeight(220);
        readouts.setStyle("-fx-font-family: monospace; -fx-font-size: 11");
        Label legend = new Label("Attributes: E = encoder, D = discriminator head");
        legend.setWrapText(true);
        VBox box =
                new VBox(8, title, absent, realism, showSaliency, mapLegend, opacityLabel, opacity, legend, readouts);
        box.setPadding(new Insets(10));
        return box;
    }
}
