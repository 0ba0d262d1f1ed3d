package org.latentlens.core.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * A measured distribution of scores, kept as evenly spaced quantiles (the first is the minimum, the last the
 * maximum): small enough to store in a manifest, rich enough to say where a new score falls.
 *
 * <p>Quantiles are computed with linear interpolation between order statistics (Hyndman and Fan type 7, the
 * default of R and NumPy); {@link #percentile} inverts them the same way.
 */
public final class ScoreDistribution {
    /** Quantiles the evaluator keeps: q0, q1, ..., q100. */
    public static final int PERCENTILES = 101;

    private final int count;
    private final double[] quantiles;

    /**
     * A distribution read back from its quantiles.
     *
     * @param count how many scores were measured
     * @param quantiles at least two, non-decreasing, evenly spaced from the minimum to the maximum
     */
    public ScoreDistribution(int count, double[] quantiles) {
        if (count < 1) {
            throw new IllegalArgumentException("a score distribution needs at least one measured score, not " + count);
        }
        if (quantiles.length < 2) {
            throw new IllegalArgumentException("a score distribution needs at least 2 quantiles (min and max)");
        }
        for (int i = 0; i < quantiles.length; i++) {
            if (!Double.isFinite(quantiles[i]) || (i > 0 && quantiles[i] < quantiles[i - 1])) {
                throw new IllegalArgumentException(
                        "quantiles must be finite and non-decreasing: " + Arrays.toString(quantiles));
            }
        }
        this.count = count;
        this.quantiles = quantiles.clone();
    }

    /** {@code quantileCount} evenly spaced quantiles of {@code samples} (at least one, all finite). */
    public static ScoreDistribution of(double[] samples, int quantileCount) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no scores to build a distribution from");
        }
        if (quantileCount < 2) {
            throw new IllegalArgumentException("a score distribution needs at least 2 quantiles (min and max)");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
            // NaN sorts last; one non-finite score means a broken network, not an outlier to drop.
            throw new IllegalArgumentException("scores must be finite; the discriminator returned NaN or infinity");
        }
        double[] q = new double[quantileCount];
        for (int j = 0; j < quantileCount; j++) {
            // Multiplied before dividing, so that quantiles that fall on an order statistic are exactly that score.
            double h = (double) ((long) j * (sorted.length - 1)) / (quantileCount - 1);
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, sorted.length - 1);
            q[j] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }
        return new ScoreDistribution(samples.length, q);
    }

    /** How many scores were measured. */
    public int count() {
        return count;
    }

    /** A copy of the quantiles, minimum first. */
    public double[] quantiles() {
        return quantiles.clone();
    }

    /** The lowest score measured. */
    public double min() {
        return quantiles[0];
    }

    /** The highest score measured. */
    public double max() {
        return quantiles[quantiles.length - 1];
    }

    /** The score below which a share {@code p} (0..1) of the measured scores lies, interpolated. */
    public double quantile(double p) {
        double h = Math.max(0, Math.min(1, p)) * (quantiles.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, quantiles.length - 1);
        return quantiles[lo] + (h - lo) * (quantiles[hi] - quantiles[lo]);
    }

    /**
     * Where {@code score} falls, as a percentile 0..100: the inverse of {@link #quantile}. A score equal to a run of
     * tied quantiles gets the middle of that run (half the tied scores count as below it); scores below the minimum
     * give 0 and above the maximum 100 (use {@link #isBelowAll}/{@link #isAboveAll} to tell those apart).
     */
    public double percentile(double score) {
        if (Double.isNaN(score)) {
            return Double.NaN;
        }
        int last = quantiles.length - 1;
        if (score < quantiles[0]) {
            return 0;
        }
        if (score > quantiles[last]) {
            return 100;
        }
        int first = 0;
        while (quantiles[first] < score) {
            first++;
        }
        double position;
        if (quantiles[first] == score) {
            int end = first;
            while (end < last && quantiles[end + 1] == score) {
                end++;
            }
            position = (first + end) / 2.0;
        } else {
            double below = quantiles[first - 1];
            position = first - 1 + (score - below) / (quantiles[first] - below);
        }
        return 100 * position / last;
    }

    /** Whether {@code score} is lower than every measured score. */
    public boolean isBelowAll(double score) {
        return score < min();
    }

    /** Whether {@code score} is higher than every measured score. */
    public boolean isAboveAll(double score) {
        return score > max();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreDistribution other
                && count == other.count
                && Arrays.equals(quantiles, other.quantiles);
    }

    @Override
    public int hashCode() {
        return 31 * count + Arrays.hashCode(quantiles);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "ScoreDistribution[n=%d, min=%.3f, median=%.3f, max=%.3f]",
                count,
                min(),
                quantile(0.5),
                max());
    }
}
