package org.latentlens.core.model;

import java.util.Objects;

/**
 * One dimension of a model's latent code, as the manifest describes it.
 *
 * @param name shown on the slider; for semantic dimensions the attribute it controls
 * @param kind semantic or free
 * @param min lower end of the slider range
 * @param max upper end of the slider range
 * @param defaultValue where the slider starts and resets to
 * @param presence for a semantic dimension, the share of the training images that have the attribute, which is how
 *     often a random face ({@link LatentSampler}) draws it present; NaN when the model does not say (drawn half the
 *     time). Always NaN for a free dimension
 */
public record LatentDimension(
        String name, DimensionKind kind, float min, float max, float defaultValue, float presence) {

    /** A dimension whose manifest does not say how common its attribute is. */
    public LatentDimension(String name, DimensionKind kind, float min, float max, float defaultValue) {
        this(name, kind, min, max, defaultValue, Float.NaN);
    }

    /** Validates the range so that every later use can trust it. */
    public LatentDimension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a latent dimension needs a name");
        }
        if (!(min < max)) {
            throw new IllegalArgumentException(
                    "latent dimension '" + name + "' has range [" + min + ", " + max + "]; min must be below max");
        }
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("latent dimension '" + name + "' has default " + defaultValue
                    + " outside [" + min + ", " + max + "]");
        }
        if (!Float.isNaN(presence) && kind != DimensionKind.SEMANTIC) {
            throw new IllegalArgumentException("latent dimension '" + name
                    + "' is free and cannot have a presence: only a semantic dimension names an attribute to count");
        }
        if (!Float.isNaN(presence) && (presence < 0f || presence > 1f)) {
            throw new IllegalArgumentException("latent dimension '" + name + "' has presence " + presence
                    + "; it is the share of training images with the attribute, between 0 and 1");
        }
    }

    /** This dimension with the share of training images that have its attribute. */
    public LatentDimension withPresence(float share) {
        return new LatentDimension(name, kind, min, max, defaultValue, share);
    }

    /** Whether the manifest says how common the attribute is. */
    public boolean hasPresence() {
        return !Float.isNaN(presence);
    }

    /** A semantic dimension with the usual symmetric range. */
    public static LatentDimension semantic(String attribute, float halfRange) {
        return new LatentDimension(attribute, DimensionKind.SEMANTIC, -halfRange, halfRange, 0f);
    }

    /** A free dimension with the usual symmetric range. */
    public static LatentDimension free(String name, float halfRange) {
        return new LatentDimension(name, DimensionKind.FREE, -halfRange, halfRange, 0f);
    }

    /** Clamps a value into this dimension's range. */
    public float clamp(float value) {
        return Math.max(min, Math.min(max, value));
    }

    /** Maps {@code t} in [0, 1] linearly onto the range. */
    public float at(double t) {
        return (float) (min + t * (max - min));
    }

    public boolean isSemantic() {
        return kind == DimensionKind.SEMANTIC;
    }
}
