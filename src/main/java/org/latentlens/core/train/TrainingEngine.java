package org.latentlens.core.train;

import java.util.Map;

/**
 * The numerical half of training: networks, losses and optimizers behind five operations. The
 * {@link TrainingLoop} drives it; the TensorFlow graph implements it, and tests use a fake.
 */
public interface TrainingEngine {
    /** Seeded initial weights and optimizer state. */
    void initialize(long seed);

    /** One optimizer step of every network; returns this step's loss values (non-finite ones are allowed). */
    Map<LossTerm, Double> step(StepInputs inputs);

    /** Every variable (weights, moving averages, optimizer state) by name, for a checkpoint. */
    Map<String, float[]> state();

    /** Sets every variable from {@link #state()}'s output; fails when one is missing. */
    void restore(Map<String, float[]> state);

    /** Images (NHWC in [-1, 1]) that the exported generator draws for {@code count} rows of latent codes. */
    float[] sample(float[] codes, int count);
}
