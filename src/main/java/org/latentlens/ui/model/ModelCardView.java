package org.latentlens.ui.model;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/** A collapsible card with the manifest summary and the measured figures. */
public final class ModelCardView {
  private final ModelCardViewModel vm;

  /** A view of {@code vm}. */
  public ModelCardView(ModelCardViewModel vm) {
    this.vm = vm;
  }

  /** The card. */
  public Node root() {
    Label summary = new Label();
    summary.setWrapText(true);
    summary.textProperty().bind(vm.summaryProperty());
    Label figures = new Label();
    figures.setId("model-figures");
    figures.setWrapText(true);
    figures.textProperty().bind(vm.figuresProperty());
    ListView<String> metrics = new ListView<>(vm.metrics());
    metrics.setId("model-metrics");
    metrics.setPrefHeight(200);
    metrics.setStyle("-fx-font-family: monospace; -fx-font-size: 11");
    // The raw keys are for people comparing runs; everyone else reads the sentences above.
    TitledPane raw = new TitledPane("All figures (raw)", metrics);
    raw.setExpanded(false);
    TitledPane pane = new TitledPane("Model card", new VBox(8, summary, figures, raw));
    pane.setExpanded(true);
    return pane;
  }
}
