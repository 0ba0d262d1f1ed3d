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
 */
public record LatentDimension(String name, DimensionKind kind, float min, float max, float defaultValue) {

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
