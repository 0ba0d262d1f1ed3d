package org.latentlens.ui;

import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.latentlens.core.model.ModelLoader;

/** The main window. Until a model is open it says so plainly. */
public final class MainWindow {
  private final ModelLoader loader;

  /** A window that opens models with {@code loader}. */
  public MainWindow(ModelLoader loader) {
    this.loader = loader;
  }

  /** Shows the window on {@code stage}; {@code model} may be {@code null}. */
  public void show(Stage stage, Path model) {
    Label status = new Label(model == null
        ? "No model yet. Train one with 'latent-lens train' or open a model folder."
        : "Model: " + model);
    status.setWrapText(true);
    StackPane root = new StackPane(status);
    root.setAlignment(Pos.CENTER);
    stage.setTitle("Latent Lens");
    stage.setScene(new Scene(root, 900, 640));
    stage.show();
  }

  ModelLoader loader() {
    return loader;
  }
}
