package org.latentlens;

import java.util.concurrent.atomic.AtomicBoolean;
import org.latentlens.cli.LatentLensCommand;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.faces.opencv.OpenCvFaceFinder;
import org.latentlens.tensorflow.TfJudgeTrainer;
import org.latentlens.tensorflow.TfModelTrainer;
import org.latentlens.ui.ExplorerLauncher;

/**
 * Entry point and composition root: builds the services once and hands them to the command line and
 * the app. It is deliberately not the JavaFX {@code Application}, so a class-path launch works.
 */
public final class Main {
    private Main() {}

    /** Runs {@code latent-lens ARGS...}. */
    public static void main(String[] args) {
        ModelLoader loader = ModelLoaders.standard();
        ModelTrainer trainer = new TfModelTrainer();
        AtomicBoolean guiOpened = new AtomicBoolean();
        JudgeTrainer judges = new TfJudgeTrainer();
        int code = LatentLensCommand.create(loader, trainer, judges, start -> {
                    guiOpened.set(true);
                    // OpenCV loads on the first photo, so tools and app start-up do not pay for it.
                    ExplorerLauncher.launch(
                            loader, trainer, judges, new OpenCvFaceFinder(), start.model(), start.encode());
                })
                .execute(args);
        // A tool ran: exit now (DJL and TF keep threads). With the app open, closing its window ends the JVM.
        if (!guiOpened.get() || code != 0) {
            System.exit(code);
        }
    }
}
