package org.latentlens.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * What a latent dimension was found to do when swept from its minimum to its maximum and read by a judge: the
 * attribute it moves most and how reliably (written by {@code latent-lens evaluate} into the manifest's
 * {@code explained} block).
 *
 * @param attribute the judged attribute the sweep flips most often
 * @param steers the share of sweeps that flip it, 0 .. 1 (the evaluator's steerability, in the better direction)
 * @param leaks in those sweeps, the mean share of the other judged attributes whose reading changes, 0 .. 1
 * @param increases true when raising the slider makes the attribute present, false when lowering it does
 */
public record DimensionExplanation(String attribute, double steers, double leaks, boolean increases) {
    /** Checks the fields. */
    public DimensionExplanation {
        Objects.requireNonNull(attribute, "attribute");
        if (!(steers >= 0 && steers <= 1)) {
            throw new IllegalArgumentException("steers must lie in [0, 1], not " + steers);
        }
        if (!(leaks >= 0 && leaks <= 1)) {
            throw new IllegalArgumentException("leaks must lie in [0, 1], not " + leaks);
        }
    }

    /** For people: {@code moves Smiling, steers 0.71} (with "lower = more" when the slider works downwards). */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "moves %s%s, steers %.2f",
                attribute.replace('_', ' '),
                increases ? "" : " (lower = more)",
                steers);
    }
}
