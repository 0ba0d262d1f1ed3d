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
    ListView<String> metrics = new ListView<>(vm.metrics());
    metrics.setId("model-metrics");
    metrics.setPrefHeight(230);
    metrics.setStyle("-fx-font-family: monospace; -fx-font-size: 11");
    Label measured = new Label("Measured interpretability");
    measured.setWrapText(true);
    measured.setStyle("-fx-font-weight: bold");
    TitledPane pane = new TitledPane("Model card", new VBox(6, summary, measured, metrics));
    pane.setId("model-card");
    pane.setExpanded(true);
    return pane;
  }
}
