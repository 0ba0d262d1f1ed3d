package org.latentlens.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.train.ModelTrainer;

/**
 * Starts the JavaFX toolkit and opens the main window, with services passed in by the composition root
 * (no {@code Application} subclass, so no static hand-over of collaborators).
 */
public final class ExplorerLauncher {
  /** Where the bundled default model lives, relative to the app's home folder. */
  public static final Path DEFAULT_MODEL = Path.of("models", "default");

  private ExplorerLauncher() {}

  /** Opens the explorer on {@code model}, or on the bundled default when {@code null}; returns at once. */
  public static void launch(ModelLoader loader, ModelTrainer trainer, Path model) {
    Path chosen = model != null ? model : defaultModel();
    Platform.setImplicitExit(true);
    Platform.startup(() -> new MainWindow(loader, trainer).show(new Stage(), chosen));
  }

  /** The bundled model under the app home ({@code latentlens.home}, else the working folder). */
  public static Path defaultModel() {
    String home = System.getProperty("latentlens.home");
    Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    Path p = base.resolve(DEFAULT_MODEL);
    return Files.isDirectory(p) ? p : null;
  }
}
