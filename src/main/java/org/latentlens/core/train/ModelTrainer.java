package org.latentlens.core.train;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Trains interpretable GANs; the implementation lives in the {@code tensorflow} package. */
public interface ModelTrainer {
    /**
     * Trains into {@code runDir}: checkpoints in {@code runDir/checkpoints}, the model bundle in {@code runDir}
     * itself. Blocking; call it from a background thread.
     *
     * @param resume continue from the newest checkpoint in {@code runDir} (with the run's saved settings and
     *     {@code config}'s step target) instead of starting afresh
     * @param cancelled polled every step; when it turns true the run checkpoints, exports and returns
     * @throws TrainingException when data or numbers make training impossible; the message says what to do
     */
    TrainingResult train(
            TrainingConfig config, Path runDir, boolean resume, TrainingListener listener, BooleanSupplier cancelled)
            throws TrainingException;

    /**
     * Writes the bundle of the run in {@code runDir} from its newest readable checkpoint.
     *
     * @return the step exported
     * @throws TrainingException when the folder holds no run or no readable checkpoint
     */
    long export(Path runDir) throws TrainingException;
}
