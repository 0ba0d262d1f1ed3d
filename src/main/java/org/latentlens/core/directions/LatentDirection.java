package org.latentlens.core.directions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A named direction in a model's latent space: moving a code along it should change one attribute.
 *
 * @param name shown on the slider (an attribute for supervised directions, {@code PC1}, ... for unsupervised ones)
 * @param kind how it was found
 * @param attribute the attribute it moves: the one its boundary separates, or for an unsupervised direction the
 *     one the judge sees it move most; empty when unknown
 * @param vector unit vector in latent coordinates, pointing towards "more of the attribute"
 * @param min lower end of the slider, as a position along the direction (the code's dot product with it)
 * @param max upper end of the slider
 * @param steerability share of interventions (position set to {@code min}, then {@code max}) where the judge
 *     reads the attribute absent, then present; NaN when not measured
 * @param leakage mean share of the other judged attributes that change in those interventions; NaN when not
 *     measured
 */
public record LatentDirection(
        String name,
        DirectionKind kind,
        String attribute,
        float[] vector,
        float min,
        float max,
        double steerability,
        double leakage) {
    /** How far from 1 a vector's length may be (float rounding of a written file). */
    public static final double UNIT_TOLERANCE = 1e-3;

    /** Checks that the direction can be used as it is; the vector is copied. */
    public LatentDirection {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a direction needs a name");
        }
        attribute = attribute == null ? "" : attribute;
        vector = vector.clone();
        if (vector.length == 0) {
            throw new IllegalArgumentException("direction '" + name + "' has an empty vector");
        }
        double norm = 0;
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("direction '" + name + "' has a non-finite value in its vector");
            }
            norm += (double) v * v;
        }
        if (Math.abs(Math.sqrt(norm) - 1) > UNIT_TOLERANCE) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "direction '%s' has length %.4f; its vector must be a unit vector",
                    name,
                    Math.sqrt(norm)));
        }
        if (!Float.isFinite(min) || !Float.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("direction '" + name + "' has range [" + min + ", " + max
                    + "]; it must be finite with min below max");
        }
        checkShare(name, "steerability", steerability);
        checkShare(name, "leakage", leakage);
    }

    private static void checkShare(String name, String what, double value) {
        if (!Double.isNaN(value) && (value < 0 || value > 1)) {
            throw new IllegalArgumentException("direction '" + name + "' has " + what + " " + value
                    + "; it is a share between 0 and 1 (or left out)");
        }
    }

    /** A copy of the unit vector. */
    @Override
    public float[] vector() {
        return vector.clone();
    }

    /** The unit vector in double precision. */
    public double[] unitVector() {
        double[] out = new double[vector.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector[i];
        }
        return out;
    }

    /** Number of latent dimensions. */
    public int size() {
        return vector.length;
    }

    /** Where {@code code} lies along this direction: its dot product with the unit vector. */
    public double positionOf(float[] code) {
        double p = 0;
        for (int i = 0; i < vector.length && i < code.length; i++) {
            p += (double) vector[i] * code[i];
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentDirection d
                && d.name.equals(name)
                && d.kind == kind
                && d.attribute.equals(attribute)
                && Arrays.equals(d.vector, vector)
                && d.min == min
                && d.max == max
                && Double.compare(d.steerability, steerability) == 0
                && Double.compare(d.leakage, leakage) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, attribute, Arrays.hashCode(vector), min, max, steerability, leakage);
    }

    @Override
    public String toString() {
        return "LatentDirection[" + name + ", " + kind.key() + ", " + attribute + ", " + vector.length + " dims]";
    }
}
