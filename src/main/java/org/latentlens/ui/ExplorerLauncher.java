package org.latentlens.ui;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.model.AppHome;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.train.ModelTrainer;

/**
 * Starts the JavaFX toolkit and opens the main window, with services passed in by the composition root
 * (no {@code Application} subclass, so no static hand-over of collaborators).
 */
public final class ExplorerLauncher {
  private ExplorerLauncher() {}

  /**
   * Opens the explorer on {@code model}, or on the bundled default when {@code null}, then encodes
   * {@code image} if given, finding faces in photos with {@code faces}; returns at once.
   */
  public static void launch(ModelLoader loader, ModelTrainer trainer, JudgeTrainer judges, FaceFinder faces,
      Path model, Path image) {
    Path chosen = model != null ? model : AppHome.defaultModel().orElse(null);
    Platform.setImplicitExit(true);
    Platform.startup(() -> {
      MainWindow window = new MainWindow(loader, trainer, judges, null, faces);
      window.show(new Stage(), chosen);
      if (image != null) {
        window.encodeOnceOpen(image);
      }
    });
  }
}
