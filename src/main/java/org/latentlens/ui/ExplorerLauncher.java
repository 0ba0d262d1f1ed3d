package org.latentlens.ui;

import org.latentlens.ui.common.FirstFaceTimer;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.PreloadingModelLoader;
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

  /** The first frames the explorer asks for (encoder readout, with and without the Inspect panel), made once. */
  private static void warmFrames(org.latentlens.core.model.GanModel m) {
    var code = org.latentlens.core.model.FloatMatrix.ofRow(new float[m.manifest().latent().size()]);
    boolean enc = m.supports(org.latentlens.core.model.ModelRole.ENCODE);
    m.frame(code, new org.latentlens.core.model.FrameParts(enc, false, false));
    if (m.supports(org.latentlens.core.model.ModelRole.DISCRIMINATE)) {
      m.frame(code, new org.latentlens.core.model.FrameParts(enc, true, false));
    }
  }

  /**
   * Opens the explorer on {@code model}, or on the bundled default when {@code null}, then encodes
   * {@code image} if given, finding faces in photos with {@code faces}; returns at once.
   */
  public static void launch(ModelLoader loader, ModelTrainer trainer, JudgeTrainer judges, FaceFinder faces,
      Path model, Path image) {
    Path chosen = model != null ? model : AppHome.defaultModel().orElse(null);
    // The model loads while JavaFX starts and the window is built: at start-up the two overlap.
    PreloadingModelLoader models = new PreloadingModelLoader(loader);
    if (chosen != null) {
      models.preload(chosen, LoadOptions.UNTRUSTED, ExplorerLauncher::warmFrames);
    }
    Platform.setImplicitExit(true);
    FirstFaceTimer.mark("starting JavaFX");
    Platform.startup(() -> {
      FirstFaceTimer.mark("JavaFX started");
      MainWindow window = new MainWindow(models, trainer, judges, null, faces);
      FirstFaceTimer.mark("window built");
      window.show(new Stage(), chosen);
      if (image != null) {
        window.encodeOnceOpen(image);
      }
    });
  }
}
