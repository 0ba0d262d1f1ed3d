package org.latentlens.core.directions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Dense-vector helpers for latent directions: unit vectors, angles, and moves that keep some directions fixed. */
public final class LatentVectors {
    /**
     * The smallest part of a direction that must remain outside the locked directions' span for a conditional
     * move: below it the direction is (almost) a mix of locked ones and cannot move without moving them.
     */
    public static final double MIN_FREE_SHARE = 0.1;

    private LatentVectors() {}

    /** The dot product. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The Euclidean length. */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** {@code v} scaled to length 1. */
    public static double[] unit(double[] v) {
        double n = norm(v);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("a zero or non-finite vector has no direction");
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / n;
        }
        return out;
    }

    /** The angle between two non-zero vectors, in degrees. */
    public static double angleDegrees(double[] a, double[] b) {
        double c = dot(a, b) / (norm(a) * norm(b));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** The unit vector along latent axis {@code index} of a {@code size}-dimensional code. */
    public static double[] axis(int size, int index) {
        double[] e = new double[size];
        e[index] = 1;
        return e;
    }

    /**
     * {@code v} minus its projection onto the span of {@code against} (Gram-Schmidt: the constraints need not be
     * orthogonal or independent).
     */
    public static double[] orthogonalize(double[] v, List<double[]> against) {
        List<double[]> basis = new ArrayList<>();
        for (double[] c : against) {
            double[] r = subtractProjections(c, basis);
            double n = norm(r);
            // A constraint already in the span of earlier ones adds nothing (and would divide by ~0).
            if (n > 1e-9 * Math.max(1, norm(c))) {
                basis.add(scale(r, 1 / n));
            }
        }
        return subtractProjections(v, basis);
    }

    /**
     * The step that moves a code one unit along unit vector {@code direction} (its dot product with the code grows by
     * exactly 1) while its dot product with every locked direction stays the same: InterFaceGAN's conditional
     * manipulation, scaled so that a slider's position keeps meaning "position along the direction". Empty when less
     * than {@link #MIN_FREE_SHARE} of the direction lies outside the locked directions' span.
     */
    public static Optional<double[]> conditionalStep(double[] direction, List<double[]> locked) {
        double[] r = orthogonalize(direction, locked);
        // r is the direction minus its part in the locked span, so direction . r = r . r.
        double free = dot(r, r);
        if (Math.sqrt(free) < MIN_FREE_SHARE) {
            return Optional.empty();
        }
        return Optional.of(scale(r, 1 / free));
    }

    private static double[] subtractProjections(double[] v, List<double[]> orthonormal) {
        double[] r = v.clone();
        for (double[] b : orthonormal) {
            double p = dot(r, b);
            for (int i = 0; i < r.length; i++) {
                r[i] -= p * b[i];
            }
        }
        return r;
    }

    private static double[] scale(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }
}
