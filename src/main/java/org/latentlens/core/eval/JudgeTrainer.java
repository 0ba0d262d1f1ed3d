package org.latentlens.core.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.latentlens.core.data.ImageDataset;

/** Trains and loads judges; the implementation lives in the {@code tensorflow} package. */
public interface JudgeTrainer {
    /**
     * Trains a judge on the real images of {@code training}, measures it on {@code heldOut}, and saves it in
     * {@code dir}. Only dataset images are ever fed to it.
     *
     * @param progress receives the step after each step
     */
    Judge train(
            ImageDataset training,
            ImageDataset heldOut,
            List<String> attributes,
            int imageSize,
            int steps,
            Path dir,
            IntConsumer progress)
            throws IOException;

    /** Loads a saved judge. */
    Judge load(Path dir) throws IOException;
}
