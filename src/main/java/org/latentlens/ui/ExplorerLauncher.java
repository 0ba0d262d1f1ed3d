package org.latentlens.ui;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.faces.FaceFinder;
import org.latentlens.core.model.AppHome;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.FrameParts;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.PreloadingModelLoader;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.ui.common.FirstFaceTimer;

/**
 * Starts the JavaFX toolkit and opens the main window, with services passed in by the composition root
 * (no {@code Application} subclass, so no static hand-over of collaborators).
 */
public final class ExplorerLauncher {
    private ExplorerLauncher() {}

    /** The first frames the explorer asks for (encoder readout, with and without the Inspect panel), made once. */
    private static void warmFrames(GanModel m) {
        FloatMatrix code = FloatMatrix.ofRow(new float[m.manifest().latent().size()]);
        boolean enc = m.supports(ModelRole.ENCODE);
        m.frame(code, new FrameParts(enc, false, false));
        if (m.supports(ModelRole.DISCRIMINATE)) {
            m.frame(code, new FrameParts(enc, true, false));
        }
    }

    /**
     * Opens the explorer on {@code model}, or on the bundled default when {@code null}, then encodes
     * {@code image} if given, finding faces in photos with {@code faces}; returns at once.
     */
    public static void launch(
            ModelLoader loader, ModelTrainer trainer, JudgeTrainer judges, FaceFinder faces, Path model, Path image) {
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
            MainWindow window = new MainWindow(models, trainer, judges, faces, null, MainWindow.userPreferences());
            FirstFaceTimer.mark("window built");
            window.show(new Stage(), chosen);
            if (image != null) {
                window.encodeOnceOpen(image);
            }
        });
    }
}
