package org.latentlens.core.eval;

import java.util.List;

/**
 * Whether a judged attribute changes monotonically along traversals. A sweep is a sequence of judged
 * probabilities of one attribute at evenly spaced slider values from the minimum to the maximum. It <b>moves</b>
 * the attribute when its ends differ by more than {@link #TOLERANCE}, and it is <b>monotone</b> when it moves and
 * no step goes against the overall direction by more than {@link #TOLERANCE} (so a judge's small jitter on a
 * saturated reading is not counted as a reversal). Monotonicity is the share of moving sweeps that are
 * monotone; sweeps that do not move the attribute are left to steerability and not counted either way.
 */
public final class TraversalMonotonicity {
    /** Probability change below which a step or an end-to-end change is taken as no change. */
    public static final double TOLERANCE = 0.05;

    private TraversalMonotonicity() {}

    /** Whether {@code sweep} changes by more than the tolerance end to end. */
    public static boolean moves(double[] sweep) {
        return sweep.length >= 2 && Math.abs(sweep[sweep.length - 1] - sweep[0]) > TOLERANCE;
    }

    /** Whether {@code sweep} moves and never steps back against its overall direction by more than the tolerance. */
    public static boolean isMonotone(double[] sweep) {
        if (!moves(sweep)) {
            return false;
        }
        double direction = Math.signum(sweep[sweep.length - 1] - sweep[0]);
        for (int i = 1; i < sweep.length; i++) {
            if (direction * (sweep[i] - sweep[i - 1]) < -TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Counts of moving and monotone sweeps.
     *
     * @param moving sweeps that move the attribute
     * @param monotone of those, the monotone ones
     */
    public record Count(int moving, int monotone) {
        /** Monotone share of moving sweeps; NaN when none moves. */
        public double share() {
            return moving == 0 ? Double.NaN : (double) monotone / moving;
        }

        /** Both counts added. */
        public Count plus(Count other) {
            return new Count(moving + other.moving, monotone + other.monotone);
        }
    }

    /** Counts the moving and the monotone sweeps among {@code sweeps}. */
    public static Count count(List<double[]> sweeps) {
        int moving = 0;
        int monotone = 0;
        for (double[] s : sweeps) {
            if (moves(s)) {
                moving++;
                if (isMonotone(s)) {
                    monotone++;
                }
            }
        }
        return new Count(moving, monotone);
    }
}
