package org.latentlens.ui.inspect;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.latentlens.ui.common.FxImages;
import org.latentlens.ui.explore.ExploreView;

/** The discriminator panel and the saliency overlay drawn over the generated face. */
public final class InspectView {
  private final InspectViewModel vm;
  private final ImageView overlay = new ImageView();

  /** A view of {@code vm}. */
  public InspectView(InspectViewModel vm) {
    this.vm = vm;
    overlay.setId("saliency-overlay");
    overlay.setFitWidth(ExploreView.IMAGE_SIDE);
    overlay.setFitHeight(ExploreView.IMAGE_SIDE);
    overlay.setSmooth(true);
    overlay.setMouseTransparent(true);
    overlay.opacityProperty().bind(vm.opacityProperty());
    vm.heatmapProperty().addListener((obs, was, now) -> overlay.setImage(FxImages.toFx(now)));
  }

  /** The heat overlay, to stack on the generated image. */
  public ImageView overlay() {
    return overlay;
  }

  /** The right-hand panel. */
  public Node panel() {
    Label title = new Label("What the discriminator sees");
    title.setStyle("-fx-font-weight: bold");
    Label realism = new Label();
    realism.setId("realism-label");
    realism.textProperty().bind(Bindings.createStringBinding(() -> {
      double r = vm.realismProperty().get();
      return Double.isNaN(r) ? "Realism: -" : String.format(Locale.ROOT, "Realism score: %.2f (%.0f%% real)", r,
          100 / (1 + Math.exp(-r)));
    }, vm.realismProperty()));
    Label warning = new Label();
    warning.setWrapText(true);
    warning.setStyle("-fx-text-fill: #b00020");
    warning.textProperty().bind(vm.warningProperty());
    warning.visibleProperty().bind(vm.warningProperty().isNotEmpty());
    warning.managedProperty().bind(warning.visibleProperty());
    Slider opacity = new Slider(0, 1, 0.3);
    opacity.setId("saliency-opacity");
    opacity.valueProperty().bindBidirectional(vm.opacityProperty());
    Label opacityLabel = new Label("Saliency overlay opacity");
    ListView<InspectViewModel.Readout> readouts = new ListView<>(vm.readouts());
    readouts.setPrefHeight(220);
    readouts.setStyle("-fx-font-family: monospace");
    Label legend = new Label("Attributes: E = encoder, D = discriminator head");
    VBox box = new VBox(8, title, realism, warning, opacityLabel, opacity, legend, readouts);
    box.setPadding(new Insets(10));
    box.setPrefWidth(300);
    return box;
  }
}
