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

  /** A listener that ignores everything. */
  TrainingListener NONE = p -> { };
}
