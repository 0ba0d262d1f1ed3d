package org.latentlens.ui.model;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A collapsible card with the manifest summary and the measured figures. */
public final class ModelCardView {
    private final ModelCardViewModel vm;
    private final EvaluateAction evaluate;

    /** A view of {@code vm} with an Evaluate button run by {@code evaluate}. */
    public ModelCardView(ModelCardViewModel vm, EvaluateAction evaluate) {
        this.vm = vm;
        this.evaluate = evaluate;
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
        Button run = new Button("Evaluate");
        run.setId("evaluate-button");
        run.setTooltip(new Tooltip("Measure steerability, leakage, reconstruction and realism "
                + "through a judge trained on real images (as latent-lens evaluate); takes a few minutes"));
        run.disableProperty().bind(evaluate.possibleProperty().not().or(evaluate.runningProperty()));
        run.setOnAction(e -> evaluate.start());
        Button stop = new Button("Cancel");
        stop.visibleProperty().bind(evaluate.runningProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setOnAction(e -> evaluate.cancel());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(evaluate.runningProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label stage = new Label();
        stage.setId("evaluate-progress");
        stage.setWrapText(true);
        stage.textProperty().bind(evaluate.progressProperty());
        HBox buttons = new HBox(6, run, stop, spinner);
        TitledPane pane = new TitledPane("Model card", new VBox(8, summary, figures, buttons, stage, raw));
        pane.setId("model-card");
        pane.setExpanded(true);
        return pane;
    }
}
