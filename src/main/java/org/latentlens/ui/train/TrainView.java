package org.latentlens.ui.train;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.latentlens.core.train.CpuBf16;
import org.latentlens.core.train.Recipe;
import org.latentlens.ui.common.FxImages;

/** The training form, live progress, loss chart and sample grid. */
public final class TrainView {
    private final TrainViewModel vm;
    private final Consumer<Path> openInExplorer;
    private final Consumer<Path> openAndEvaluate;

    /** A view of {@code vm}; "Open in explorer" calls {@code openInExplorer}. */
    public TrainView(TrainViewModel vm, Consumer<Path> openInExplorer) {
        this(vm, openInExplorer, null);
    }

    /**
     * As above, with an "Open and evaluate" button that calls {@code openAndEvaluate} ({@code null}: no button):
     * a new model's card would otherwise only say that nothing was measured yet.
     */
    public TrainView(TrainViewModel vm, Consumer<Path> openInExplorer, Consumer<Path> openAndEvaluate) {
        this.openAndEvaluate = openAndEvaluate;
        this.vm = vm;
        this.openInExplorer = openInExplorer;
    }

    /** The whole tab. */
    public Node root() {
        TextField dataset = new TextField();
        dataset.setId("train-dataset");
        dataset.textProperty().bindBidirectional(vm.datasetProperty());
        dataset.setPromptText("synthetic, celeba:/path or folder:/path");
        Button celeba = new Button("CelebA folder...");
        celeba.setOnAction(e -> chooseFolder(dataset, "celeba:"));
        Button folder = new Button("Image folder...");
        folder.setOnAction(e -> chooseFolder(dataset, "folder:"));
        Button synthetic = new Button("Synthetic");
        synthetic.setOnAction(e -> vm.datasetProperty().set("synthetic"));
        TextField attributes = new TextField();
        attributes.textProperty().bindBidirectional(vm.attributesProperty());
        ComboBox<Recipe> recipe = new ComboBox<>();
        recipe.setId("train-recipe");
        recipe.getItems().setAll(Recipe.values());
        recipe.valueProperty().bindBidirectional(vm.recipeProperty());
        Label recipeHelp = new Label();
        recipeHelp.setId("train-recipe-help");
        recipeHelp.setWrapText(true);
        recipeHelp.textProperty().bind(vm.recipeHelpProperty());
        TextField categorical = new TextField();
        categorical.setId("train-categorical");
        categorical.setPromptText("optional, e.g. Race=White,Black,Asian,Indian,Other_Race");
        categorical.setTooltip(new Tooltip("Attributes of which a face has exactly one: trained and"
                + " shown as one control with a choice per value (several: separate them with ;)"));
        categorical.textProperty().bindBidirectional(vm.categoricalProperty());
        ComboBox<Integer> size = new ComboBox<>();
        size.getItems().setAll(32, 64, 128);
        size.valueProperty().addListener((o, was, now) -> vm.sizeProperty().set(now));
        size.setValue(vm.sizeProperty().get());
        Spinner<Integer> steps = new Spinner<>(1, 1_000_000, vm.stepsProperty().get(), 500);
        steps.setEditable(true);
        steps.valueProperty().addListener((o, was, now) -> vm.stepsProperty().set(now));
        TextField startFrom = new TextField();
        startFrom.setId("train-start-from");
        // The column is narrow: a short prompt, the whole sentence on hover.
        startFrom.setPromptText("optional");
        startFrom.setTooltip(new Tooltip("A model folder to fine-tune; empty: start from random weights"));
        startFrom.textProperty().bindBidirectional(vm.startFromProperty());
        Button openModel = new Button("Open model");
        openModel.setId("train-start-from-open");
        openModel.setTooltip(new Tooltip(
                "Fine-tune the model open in the explorer: its size, recipe, attributes and " + "widths are used"));
        openModel.disableProperty().bind(vm.openModelDirProperty().isNull());
        openModel.setOnAction(e -> vm.startFromOpenModel());
        Button chooseModel = new Button("Model folder...");
        chooseModel.setOnAction(e -> chooseFolder(startFrom, ""));
        CheckBox encoderOnly = new CheckBox("Encoder only");
        encoderOnly.setId("train-encoder-only");
        encoderOnly.setTooltip(new Tooltip("Train only the encoder for the model's generator as it is: every image the "
                + "sliders make stays the same, and real photos reconstruct better"));
        encoderOnly.selectedProperty().bindBidirectional(vm.encoderOnlyProperty());
        encoderOnly.disableProperty().bind(vm.finetuningProperty().not());
        CheckBox bf16 = new CheckBox("BF16 arithmetic");
        bf16.setId("train-bf16");
        bf16.setTooltip(new Tooltip(
                CpuBf16.available()
                        ? "Convolutions multiply in bfloat16: about a fifth more steps per CPU minute on this CPU, at the"
                                + " same quality (weights and the saved model stay float32)"
                        : "This CPU has no bfloat16 instructions: BF16 would be emulated and slower"));
        bf16.selectedProperty().bindBidirectional(vm.bf16Property());
        // A fine-tuned run has the model's shape: these fields would be ignored, so they are not offered.
        recipe.disableProperty().bind(vm.finetuningProperty());
        size.disableProperty().bind(vm.finetuningProperty());
        attributes.disableProperty().bind(vm.takesAttributesProperty().not().or(vm.finetuningProperty()));
        categorical.disableProperty().bind(vm.takesAttributesProperty().not().or(vm.finetuningProperty()));
        TextField out = new TextField();
        out.setId("train-out");
        out.textProperty().bindBidirectional(vm.outDirProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, label("Data"), dataset, new HBox(4, synthetic, celeba, folder));
        form.addRow(1, label("Recipe"), recipe, recipeHelp);
        form.addRow(2, label("Attributes"), attributes);
        form.addRow(3, label("One-of-N"), categorical);
        form.addRow(4, label("Image size"), size);
        form.addRow(5, label("Steps"), steps, bf16);
        form.addRow(6, label("Start from"), startFrom, new HBox(4, openModel, chooseModel, encoderOnly));
        form.addRow(7, label("Run folder"), out);
        GridPane.setColumnSpan(attributes, 2);
        GridPane.setColumnSpan(categorical, 2);
        GridPane.setColumnSpan(out, 2);
        GridPane.setHgrow(dataset, Priority.ALWAYS);
        dataset.setMinWidth(120);
        List.of(synthetic, celeba, folder, openModel, chooseModel, encoderOnly, bf16, recipe)
                .forEach(TrainView::neverElide);
        form.disableProperty().bind(vm.runningProperty());

        Button start = new Button("Start");
        start.setId("train-start");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> vm.start());
        Button resume = new Button("Resume");
        resume.disableProperty().bind(vm.runningProperty());
        resume.setOnAction(e -> vm.resume());
        Button cancel = new Button("Cancel");
        cancel.setId("train-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button open = new Button("Open in explorer");
        open.setId("train-open");
        open.disableProperty().bind(vm.finishedBundleProperty().isNull().or(vm.runningProperty()));
        open.setOnAction(e -> openInExplorer.accept(vm.finishedBundleProperty().get()));
        HBox buttons = new HBox(8, start, resume, cancel, open);
        List.of(start, resume, cancel, open).forEach(TrainView::neverElide);
        if (openAndEvaluate != null) {
            Button evaluate = new Button("Open and evaluate");
            evaluate.setId("train-evaluate");
            evaluate.setTooltip(
                    new Tooltip("Open the new model and measure it through a judge trained on real images"));
            evaluate.disableProperty().bind(open.disableProperty());
            evaluate.setOnAction(
                    e -> openAndEvaluate.accept(vm.finishedBundleProperty().get()));
            neverElide(evaluate);
            buttons.getChildren().add(evaluate);
        }

        ProgressBar bar = new ProgressBar();
        bar.setId("train-progress");
        bar.setPrefWidth(360);
        bar.setMinWidth(120);
        bar.progressProperty().bind(vm.progressProperty());
        Label text = new Label();
        text.setId("train-progress-text");
        text.setWrapText(true);
        text.textProperty().bind(vm.progressTextProperty());
        Label error = new Label();
        error.setId("train-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b00020");
        error.textProperty().bind(vm.errorProperty());
        // The run folder holds another run: the remedies as buttons, not as command-line options.
        Button resumeThere = new Button("Resume");
        resumeThere.setId("train-resume-existing");
        resumeThere.setOnAction(e -> vm.resume());
        Button newFolder = new Button("New folder");
        newFolder.setId("train-new-folder");
        newFolder.setTooltip(new Tooltip("Start this run in a new folder beside the chosen one"));
        newFolder.setOnAction(e -> vm.startInNewFolder());
        HBox remedies = new HBox(8, resumeThere, newFolder);
        List.of(resumeThere, newFolder).forEach(TrainView::neverElide);
        remedies.visibleProperty().bind(vm.folderInUseProperty());
        remedies.managedProperty().bind(remedies.visibleProperty());

        LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setTitle("Losses");
        chart.setPrefHeight(260);
        XYChart.Series<Number, Number> d = new XYChart.Series<>();
        d.setName("D");
        XYChart.Series<Number, Number> g = new XYChart.Series<>();
        g.setName("G+E");
        XYChart.Series<Number, Number> rec = new XYChart.Series<>();
        rec.setName("reconstruction x10");
        chart.getData().addAll(d, g, rec);
        vm.lossPoints().addListener((ListChangeListener<TrainViewModel.LossPoint>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && vm.lossPoints().isEmpty()) {
                    d.getData().clear();
                    g.getData().clear();
                    rec.getData().clear();
                }
                for (TrainViewModel.LossPoint p : c.getAddedSubList()) {
                    d.getData().add(new XYChart.Data<>(p.step(), p.discriminator()));
                    g.getData().add(new XYChart.Data<>(p.step(), p.generator()));
                    rec.getData().add(new XYChart.Data<>(p.step(), 10 * p.reconstruction()));
                }
            }
        });
        ImageView samples = new ImageView();
        samples.setId("train-samples");
        samples.setPreserveRatio(true);
        samples.setSmooth(false);
        vm.samplesProperty().addListener((o, was, now) -> samples.setImage(FxImages.toFx(now)));
        ListView<String> log = new ListView<>(vm.messages());
        log.setPrefHeight(110);

        VBox left = new VBox(10, form, buttons, bar, text, error, remedies, chart);
        left.setPadding(new Insets(12));
        Label samplesTitle = new Label("Samples from fixed codes (moving-average generator)");
        samplesTitle.setWrapText(true);
        VBox right = new VBox(8, samplesTitle, samples, log);
        right.setPadding(new Insets(12));
        ScrollPane leftScroll = scroller(left, 460);
        ScrollPane rightScroll = scroller(right, 220);
        // The sample grid fits its column, up to 520 pixels.
        samples.fitWidthProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> Math.max(160, Math.min(520, rightScroll.getWidth() - 44)), rightScroll.widthProperty()));
        SplitPane root = new SplitPane(leftScroll, rightScroll);
        root.setId("train-root");
        root.setDividerPositions(0.55);
        return root;
    }

    private static ScrollPane scroller(Region content, double minWidth) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(minWidth);
        return scroll;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        neverElide(label);
        return label;
    }

    /** Never shortened to "..."; the column scrolls instead. */
    private static void neverElide(Region node) {
        node.setMinWidth(Region.USE_PREF_SIZE);
    }

    private static void chooseFolder(TextField target, String prefix) {
        DirectoryChooser chooser = new DirectoryChooser();
        File dir = chooser.showDialog(target.getScene().getWindow());
        if (dir != null) {
            target.setText(prefix + dir.getAbsolutePath());
        }
    }
}
