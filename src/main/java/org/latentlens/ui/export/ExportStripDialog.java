package org.latentlens.ui.export;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.latentlens.core.model.LatentLayout;

/** Asks what to sweep and where to save, then hands over to {@link ExportViewModel}. */
public final class ExportStripDialog {
    private ExportStripDialog() {}

    /**
     * Shows the dialog over {@code owner}, its save dialog starting in {@code folder}; returns the file chosen, or
     * {@code null} when cancelled.
     */
    public static File show(Window owner, ExportViewModel vm, LatentLayout layout, Path folder) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Export traversal strip");
        List<String> choices = new ArrayList<>();
        choices.add("All semantic dimensions (one row each)");
        layout.dimensions().forEach(d -> choices.add(d.name()));
        ChoiceBox<String> dim = new ChoiceBox<>();
        dim.getItems().setAll(choices);
        dim.getSelectionModel().select(0);
        Spinner<Integer> steps = new Spinner<>(2, 32, 8);
        ChoiceBox<String> base = new ChoiceBox<>();
        base.getItems().setAll("Current code", "4 random codes", "8 random codes");
        base.getSelectionModel().select(0);
        CheckBox labels = new CheckBox("Label rows (dimension) and columns (slider value)");
        labels.setId("export-labels");
        labels.setSelected(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Sweep"), dim);
        grid.addRow(1, new Label("Steps"), steps);
        grid.addRow(2, new Label("Start from"), base);
        grid.add(labels, 1, 3);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return null;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save strip as");
        chooser.setInitialFileName("strip.png");
        if (folder != null && folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter("PNG (a .gif and .json are written too)", "*.png"));
        File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return null;
        }
        int codes = base.getSelectionModel().getSelectedIndex() == 0
                ? 0
                : base.getSelectionModel().getSelectedIndex() * 4;
        vm.exportStrip(
                file.toPath(),
                dim.getSelectionModel().getSelectedIndex() - 1,
                steps.getValue(),
                codes,
                labels.isSelected(),
                files -> {});
        return file;
    }
}
