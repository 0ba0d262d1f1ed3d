package org.latentlens.ui.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.latentlens.core.model.DimensionExplanation;
import org.latentlens.core.model.LatentDimension;
import org.latentlens.ui.common.FxImages;

/** Sliders, buttons and the large generated image of the explorer. */
public final class ExploreView {
    /** Side of the displayed face in pixels; the model's image is scaled up without smoothing. */
    public static final double IMAGE_SIDE = 384;

    private final ExploreViewModel vm;
    private final GridPane semantic = sliderGrid();
    private final GridPane free = sliderGrid();
    private final ImageView image = new ImageView();
    private final List<Node> sections = new ArrayList<>();

    /** A view of {@code vm}. */
    public ExploreView(ExploreViewModel vm) {
        this.vm = vm;
        image.setId("generated-image");
        image.setFitWidth(IMAGE_SIDE);
        image.setFitHeight(IMAGE_SIDE);
        image.setPreserveRatio(true);
        image.setSmooth(false);
        vm.renderProperty()
                .addListener((obs, was, now) -> image.setImage(now == null ? null : FxImages.toFx(now.image())));
        vm.dimensions().addListener((ListChangeListener<DimensionState>) change -> rebuildSliders());
        vm.categoricals().addListener((ListChangeListener<CategoricalState>) change -> rebuildSliders());
    }

    /** The large generated face. */
    public ImageView image() {
        return image;
    }

    /** Adds a section (discovered directions) below the free sliders; call before {@link #controls()}. */
    public void addSection(Node section) {
        sections.add(section);
    }

    /** The left-hand column: buttons, semantic sliders, free sliders, added sections, bookmarks. */
    public Region controls() {
        Button random = new Button("Random");
        random.setId("random-button");
        random.setTooltip(new Tooltip("New random values for unlocked sliders (Space)"));
        random.setOnAction(e -> vm.randomize());
        Button reset = new Button("Reset");
        reset.setOnAction(e -> vm.reset());
        Button undo = new Button("Undo");
        undo.setTooltip(new Tooltip("Ctrl+Z"));
        undo.disableProperty().bind(vm.canUndoProperty().not());
        undo.setOnAction(e -> vm.undo());
        Button redo = new Button("Redo");
        redo.setTooltip(new Tooltip("Ctrl+Y"));
        redo.disableProperty().bind(vm.canRedoProperty().not());
        redo.setOnAction(e -> vm.redo());
        HBox buttons = new HBox(6, random, reset, undo, redo);
        buttons.getChildren().forEach(ExploreView::neverElide);
        buttons.disableProperty().bind(vm.modelProperty().isNull());

        TitledPane freePane = new TitledPane("Free dimensions", free);
        freePane.setId("free-dimensions");
        freePane.setExpanded(false);
        freePane.visibleProperty().bind(Bindings.isNotEmpty(free.getChildren()));
        freePane.managedProperty().bind(freePane.visibleProperty());

        ComboBox<ExploreViewModel.Bookmark> marks = new ComboBox<>(vm.bookmarks());
        marks.setPromptText("Bookmarks");
        neverElide(marks);
        marks.setOnAction(e -> {
            if (marks.getValue() != null) {
                vm.restore(marks.getValue());
            }
        });
        TextField name = new TextField();
        name.setPromptText("name");
        name.setPrefColumnCount(8);
        Button save = new Button("Save");
        neverElide(save);
        save.setOnAction(e -> {
            vm.bookmark(name.getText());
            name.clear();
        });
        HBox bookmarkRow = new HBox(6, marks, name, save);
        bookmarkRow.disableProperty().bind(vm.modelProperty().isNull());

        Label semanticTitle = new Label("Semantic dimensions");
        semanticTitle.setStyle("-fx-font-weight: bold");
        VBox column = new VBox(10, buttons, semanticTitle, semantic, freePane);
        column.getChildren().addAll(sections);
        column.getChildren().add(bookmarkRow);
        column.setPadding(new Insets(10));
        // Too narrow for the rows: a horizontal scroll bar, never elided names, values or buttons.
        ScrollPane scroll = new ScrollPane(column);
        scroll.setId("explore-controls");
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** A Labeled that is never shortened to "..."; containers scroll instead. */
    private static void neverElide(Node node) {
        if (node instanceof Region r) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
    }

    /** As wide as {@code widest} in the label's font, whatever it shows now, so columns do not jump as it changes. */
    private static void wideEnoughFor(Label label, String widest) {
        label.minWidthProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> {
                            Text text = new Text(widest);
                            text.setFont(label.getFont());
                            return Math.ceil(text.getLayoutBounds().getWidth())
                                    + label.getInsets().getLeft()
                                    + label.getInsets().getRight()
                                    + 2;
                        },
                        label.fontProperty(),
                        label.insetsProperty()));
    }

    /** Under an unnamed slider: the attribute its sweeps were found to move, and how reliably. */
    private static Label explanationLabel(String dimension, DimensionExplanation e) {
        Label found = new Label(e.describe());
        found.setId("explained-" + dimension);
        neverElide(found);
        found.setStyle("-fx-text-fill: #666666; -fx-font-size: 10");
        found.setTooltip(new Tooltip("Found by latent-lens evaluate: the dimension was swept from its minimum to its"
                + " maximum at several random faces and a judge trained on real images read the attributes; this is the"
                + " one it flipped most often, and the share of sweeps that flipped it."));
        GridPane.setMargin(found, new Insets(0, 0, 6, 0));
        return found;
    }

    /** Columns: name, slider (grows), value, lock; a semantic dimension's readouts span the last three. */
    private static GridPane sliderGrid() {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(2);
        ColumnConstraints slider = new ColumnConstraints();
        slider.setHgrow(Priority.ALWAYS);
        slider.setMinWidth(60);
        grid.getColumnConstraints().setAll(new ColumnConstraints(), slider);
        return grid;
    }

    private void rebuildSliders() {
        semantic.getChildren().clear();
        free.getChildren().clear();
        for (CategoricalState c : vm.categoricals()) {
            addChoiceRow(semantic, c);
        }
        for (int i = 0; i < vm.dimensions().size(); i++) {
            DimensionState d = vm.dimensions().get(i);
            final int index = i;
            if (vm.categoricals().stream().anyMatch(c -> c.contains(index))) {
                continue; // shown as one choice above, not as N independent sliders
            }
            addRow(d.dimension().isSemantic() ? semantic : free, d);
        }
    }

    /** A categorical factor: its name, then one choice per value spanning the slider, value and lock columns. */
    private void addChoiceRow(GridPane grid, CategoricalState c) {
        int row = grid.getRowCount();
        Label name = new Label(c.factor().name().replace('_', ' '));
        neverElide(name);
        ChoiceBox<String> choice = new ChoiceBox<>(FXCollections.observableArrayList(
                c.factor().values().stream().map(v -> v.replace('_', ' ')).toList()));
        choice.setId("choice-" + c.factor().name());
        neverElide(choice);
        List<LatentDimension> values = Arrays.stream(c.indices())
                .mapToObj(i -> vm.dimensions().get(i).dimension())
                .toList();
        choice.setTooltip(new Tooltip("One of " + c.factor().values().size() + " values: choosing one sets it present"
                + " and the others absent"
                + PresenceNotes.ofValues(values).map(n -> ".\n" + n).orElse("")));
        choice.getSelectionModel().select(c.selectedProperty().get());
        c.selectedProperty().addListener((o, was, now) -> {
            if (choice.getSelectionModel().getSelectedIndex() != now.intValue()) {
                choice.getSelectionModel().select(now.intValue());
            }
        });
        choice.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 0 && now.intValue() != c.selectedProperty().get()) {
                c.selectedProperty().set(now.intValue());
            }
        });
        grid.add(name, 0, row);
        grid.add(choice, 1, row, 3, 1);
        GridPane.setMargin(choice, new Insets(0, 0, 6, 0));
        GridPane.setMargin(name, new Insets(0, 0, 6, 0));
    }

    private void addRow(GridPane grid, DimensionState d) {
        var dim = d.dimension();
        int row = grid.getRowCount();
        Label name = new Label(dim.name().replace('_', ' '));
        neverElide(name);
        PresenceNotes.of(dim).ifPresent(n -> name.setTooltip(new Tooltip(n)));
        Slider slider = new Slider(dim.min(), dim.max(), d.valueProperty().get());
        slider.setId("slider-" + dim.name());
        slider.setBlockIncrement((dim.max() - dim.min()) / 40);
        slider.valueProperty().bindBidirectional(d.valueProperty());
        // Filters, so the edit starts before the slider moves on a track click or an arrow key; a shortcut
        // (Ctrl+Z) is left to the menus, and a press that moves nothing records no undo step.
        slider.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> vm.beginEdit());
        slider.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown() && !e.getCode().isModifierKey()) {
                vm.beginEdit();
            }
        });
        Label value = new Label();
        wideEnoughFor(value, "+8.88");
        value.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> String.format(
                                Locale.ROOT, "%+.2f", d.valueProperty().get()),
                        d.valueProperty()));
        ToggleButton lock = new ToggleButton("lock");
        neverElide(lock);
        lock.setTooltip(new Tooltip("Lock: keep this value on Random and when encoding"));
        lock.selectedProperty().bindBidirectional(d.lockedProperty());
        grid.addRow(row, name, slider, value, lock);
        GridPane.setHalignment(value, HPos.RIGHT);
        if (!dim.isSemantic()) {
            d.explanation().ifPresent(e -> grid.add(explanationLabel(dim.name(), e), 1, row + 1, 3, 1));
            return;
        }
        ProgressBar readout = new ProgressBar();
        readout.setPrefWidth(110);
        readout.setMinWidth(50);
        readout.setTooltip(new Tooltip("What the encoder reads for this attribute on the current image"));
        readout.progressProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> {
                            double p = d.readoutProperty().get();
                            return Double.isNaN(p) ? 0 : p;
                        },
                        d.readoutProperty()));
        Label readoutText = new Label();
        wideEnoughFor(readoutText, "100%");
        readoutText
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            double p = d.readoutProperty().get();
                            return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * p);
                        },
                        d.readoutProperty()));
        Label measured = new Label(
                Double.isNaN(d.steerability())
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "steers %.0f%% · leaks %.0f%%",
                                100 * d.steerability(),
                                100 * d.leakage()));
        neverElide(measured);
        measured.setStyle("-fx-text-fill: #666666; -fx-font-size: 10");
        measured.setTooltip(
                new Tooltip(
                        "Measured by latent-lens evaluate through a judge trained on real images:"
                                + " share of low-to-high sweeps that flip this attribute, and mean share of other attributes that change."));
        HBox readouts = new HBox(6, readout, readoutText, measured);
        readouts.setAlignment(Pos.CENTER_LEFT);
        readouts.setPadding(new Insets(0, 0, 6, 0));
        grid.add(readouts, 1, row + 1, 3, 1);
    }
}
