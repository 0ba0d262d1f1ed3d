package org.latentlens.ui.export;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
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

  /** Shows the dialog over {@code owner}. */
  public static void show(Window owner, ExportViewModel vm, LatentLayout layout) {
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
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.setPadding(new Insets(12));
    grid.addRow(0, new Label("Sweep"), dim);
    grid.addRow(1, new Label("Steps"), steps);
    grid.addRow(2, new Label("Start from"), base);
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    if (dialog.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Save strip as");
    chooser.setInitialFileName("strip.png");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG (a .gif and .json are written too)", "*.png"));
    File file = chooser.showSaveDialog(owner);
    if (file == null) {
      return;
    }
    int codes = base.getSelectionModel().getSelectedIndex() == 0 ? 0 : base.getSelectionModel().getSelectedIndex() * 4;
    vm.exportStrip(file.toPath(), dim.getSelectionModel().getSelectedIndex() - 1, steps.getValue(), codes, files -> { });
  }
}
