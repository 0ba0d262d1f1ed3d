package org.latentlens.core.model;

import java.util.Objects;

/**
 * What the discriminator's realism score means for one model: the scores it gives held-out real images and
 * images generated from prior codes, measured by {@code latent-lens evaluate}.
 *
 * <p>A raw logit says little on its own (a well-trained discriminator can score every generated face far below
 * zero and still rank them usefully), so the app reads a score against these two distributions instead.
 *
 * @param real scores of held-out real images
 * @param generated scores of images generated from codes drawn from the latent prior
 * @param realSource which real images were measured (e.g. {@code synthetic(seed=1), held-out split}); may be empty
 */
public record RealismCalibration(ScoreDistribution real, ScoreDistribution generated, String realSource) {
    /** Below this percentile of real faces a score reads as less real than most real faces. */
    public static final double TYPICAL_LOW = 5;
    /** Above this percentile of real faces a score reads as more real than most real faces. */
    public static final double TYPICAL_HIGH = 95;
    /**
     * Below this percentile of the model's own samples an image has left the region the model learnt (the same
     * threshold the app used before calibration existed, so old and new warnings agree).
     */
    public static final double MODEL_FLOOR = 2.5;

    /** Checks that both distributions are there. */
    public RealismCalibration {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(generated, "generated");
        realSource = realSource == null ? "" : realSource;
    }

    /** Where a score stands against real faces, from least to most real. */
    public enum Band {
        /** Lower than every real face measured. */
        BELOW_ALL_REAL,
        /** Below the 5th percentile of real faces ({@link RealismCalibration#TYPICAL_LOW}). */
        LESS_REAL_THAN_MOST,
        /** Between the 5th and the 95th percentile of real faces, both included. */
        TYPICAL,
        /** Above the 95th percentile of real faces ({@link RealismCalibration#TYPICAL_HIGH}). */
        MORE_REAL_THAN_MOST,
        /** Higher than every real face measured. */
        ABOVE_ALL_REAL
    }

    /**
     * Where one score falls.
     *
     * @param score the raw realism score
     * @param realPercentile its percentile among real faces, 0..100
     * @param generatedPercentile its percentile among the model's own samples, 0..100
     * @param band where it stands against real faces
     * @param offModel whether it is below {@link #MODEL_FLOOR} percent of the model's own samples
     */
    public record Placement(
            double score, double realPercentile, double generatedPercentile, Band band, boolean offModel) {}

    /** Places {@code score} against both distributions. */
    public Placement place(double score) {
        double p = real.percentile(score);
        Band band;
        if (real.isBelowAll(score)) {
            band = Band.BELOW_ALL_REAL;
        } else if (real.isAboveAll(score)) {
            band = Band.ABOVE_ALL_REAL;
        } else if (p < TYPICAL_LOW) {
            band = Band.LESS_REAL_THAN_MOST;
        } else if (p > TYPICAL_HIGH) {
            band = Band.MORE_REAL_THAN_MOST;
        } else {
            band = Band.TYPICAL;
        }
        double g = generated.percentile(score);
        return new Placement(score, p, g, band, g < MODEL_FLOOR);
    }
}
