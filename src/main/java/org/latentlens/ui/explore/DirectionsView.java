package org.latentlens.ui.explore;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/** The "Discovered directions" section: one slider per direction of the bundle's directions.json. */
public final class DirectionsView {
    private final DirectionsViewModel vm;
    /** Columns as in the explorer's slider grids: name, slider (grows), value, lock; readouts below. */
    private final GridPane rows = new GridPane();

    private final TitledPane pane;

    /**
     * A view of {@code vm} with a button that runs {@code find}; hidden while the open model has no directions and
     * none can be found from the app.
     */
    public DirectionsView(DirectionsViewModel vm, FindDirectionsAction find) {
        this.vm = vm;
        rows.setHgap(6);
        rows.setVgap(2);
        ColumnConstraints sliderColumn = new ColumnConstraints();
        sliderColumn.setHgrow(Priority.ALWAYS);
        sliderColumn.setMinWidth(60);
        rows.getColumnConstraints().setAll(new ColumnConstraints(), sliderColumn);
        CheckBox orthogonal = new CheckBox("Orthogonalise against locked attributes");
        orthogonal.setId("orthogonalize-directions");
        orthogonal.setWrapText(true);
        orthogonal.selectedProperty().bindBidirectional(vm.orthogonalizeProperty());
        orthogonal.setTooltip(new Tooltip("Move along a direction without moving locked sliders or locked directions"
                + " (InterFaceGAN's conditional manipulation)"));
        Label message = new Label();
        message.setWrapText(true);
        message.setStyle("-fx-text-fill: #a33");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Button findButton = new Button();
        findButton.setId("find-directions");
        findButton
                .textProperty()
                .bind(Bindings.when(Bindings.isEmpty(vm.sliders()))
                        .then("Find directions")
                        .otherwise("Find again"));
        findButton.setTooltip(new Tooltip("Fit one boundary per attribute a judge reads on sampled faces (InterFaceGAN)"
                + " and the generator's principal directions (GANSpace), measure them and save them with the model"
                + " (as latent-lens directions does)"));
        findButton.disableProperty().bind(find.possibleProperty().not().or(find.runningProperty()));
        findButton.setOnAction(e -> find.start());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-find-directions");
        cancel.visibleProperty().bind(find.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> find.cancel());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(find.runningProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label progress = new Label();
        progress.setId("find-directions-progress");
        progress.setWrapText(true);
        progress.textProperty().bind(find.progressProperty());
        progress.visibleProperty().bind(find.progressProperty().isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());
        HBox actions = new HBox(6, findButton, cancel, spinner);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label none = new Label("No discovered directions yet: find named directions in this model's latent space.");
        none.setWrapText(true);
        none.visibleProperty().bind(Bindings.isEmpty(vm.sliders()));
        none.managedProperty().bind(none.visibleProperty());
        orthogonal.visibleProperty().bind(Bindings.isNotEmpty(vm.sliders()));
        orthogonal.managedProperty().bind(orthogonal.visibleProperty());
        pane = new TitledPane("Discovered directions", new VBox(8, none, actions, progress, orthogonal, message, rows));
        pane.setId("directions-pane");
        pane.setTooltip(
                new Tooltip(
                        "Directions found by latent-lens directions: boundary normals for attributes a judge"
                                + " reads (supervised) and the principal directions of the generator (PC), named after what they move."));
        pane.visibleProperty()
                .bind(Bindings.isNotEmpty(vm.sliders())
                        .or(find.possibleProperty())
                        .or(find.runningProperty())
                        .or(find.progressProperty().isNotEmpty()));
        pane.managedProperty().bind(pane.visibleProperty());
        vm.sliders().addListener((ListChangeListener<DirectionSlider>) change -> rebuild());
        rebuild();
    }

    /** The section, to place among the explorer's controls. */
    public Node root() {
        return pane;
    }

    private void rebuild() {
        rows.getChildren().clear();
        vm.sliders().forEach(this::addRow);
    }

    /** Never shortened to "...": the explorer's column scrolls instead. */
    private static void neverElide(Region r) {
        r.setMinWidth(Region.USE_PREF_SIZE);
    }

    private void addRow(DirectionSlider d) {
        int row = rows.getRowCount();
        Label name = new Label(d.title());
        neverElide(name);
        Slider slider = new Slider(
                d.direction().min(), d.direction().max(), d.valueProperty().get());
        slider.setId("direction-" + d.direction().name());
        slider.setBlockIncrement((d.direction().max() - d.direction().min()) / 40);
        slider.valueProperty().bindBidirectional(d.valueProperty());
        slider.setOnMousePressed(e -> vm.grab(d));
        slider.setOnMouseReleased(e -> vm.release());
        Label value = new Label();
        // Wide enough for the widest value at the label's own font: a fixed 44 px shortened "+1.23" at 15 px.
        value.minWidthProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> {
                            Text text = new Text("+8.88");
                            text.setFont(value.getFont());
                            return Math.ceil(text.getLayoutBounds().getWidth())
                                    + value.getInsets().getLeft()
                                    + value.getInsets().getRight()
                                    + 2;
                        },
                        value.fontProperty(),
                        value.insetsProperty()));
        GridPane.setHalignment(value, HPos.RIGHT);
        value.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> String.format(
                                Locale.ROOT, "%+.2f", d.valueProperty().get()),
                        d.valueProperty()));
        ToggleButton lock = new ToggleButton("lock");
        lock.setTooltip(new Tooltip("Lock: other directions keep this one's position when orthogonalising"));
        lock.selectedProperty().bindBidirectional(d.lockedProperty());
        neverElide(lock);
        rows.addRow(row, name, slider, value, lock);
        Label measured = new Label(d.measured());
        neverElide(measured);
        measured.setStyle("-fx-text-fill: #666666; -fx-font-size: 10");
        measured.setTooltip(new Tooltip("Measured by latent-lens directions through a judge trained on real images:"
                + " share of low-to-high sweeps along this direction that flip "
                + (d.direction().attribute().isEmpty()
                        ? "an attribute"
                        : d.direction().attribute().replace('_', ' ')) + ", and mean share of other attributes"
                + " that change."));
        measured.setPadding(new Insets(0, 0, 6, 0));
        rows.add(measured, 1, row + 1, 3, 1);
    }
}
