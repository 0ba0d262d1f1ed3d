package org.latentlens.core.train;

import java.awt.image.BufferedImage;

/** Receives a training run's events on the training thread; implementations must return quickly. */
public interface TrainingListener {
    /** After every step. */
    void onProgress(TrainingProgress progress);

    /** A grid of samples from a fixed set of latent codes, every {@code sampleEvery} steps. */
    default void onSamples(long step, BufferedImage grid) {}

    /** Something the user should know: a checkpoint written, a rollback after a non-finite loss. */
    default void onMessage(String message) {}

    /**
     * Called by the loop before each step, on the training thread; may block for a while to give the CPU to
     * interactive work (the app's live rendering while the user drags a slider). The loop checks for a cancel right
     * after it returns, so a blocking implementation should return within a second or two, and sooner on a cancel.
     * Does nothing by default.
     */
    default void awaitTurn() {}

    /** A listener that ignores everything. */
    TrainingListener NONE = p -> {};
}
