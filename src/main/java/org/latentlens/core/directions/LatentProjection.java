package org.latentlens.core.directions;

/**
 * The generator's first layer as a matrix: {@code h = z · W + b}, {@code W} with one row per latent dimension. What
 * SeFa's closed-form factorisation reads (Shen and Zhou 2021).
 *
 * @param weights {@code W} row-major, {@code latentDims × outputs}
 * @param latentDims rows: the latent code's length
 * @param outputs columns: the first layer's width
 */
public record LatentProjection(float[] weights, int latentDims, int outputs) {
    /** Checks the size. */
    public LatentProjection {
        if (latentDims < 1 || outputs < 1 || weights.length != (long) latentDims * outputs) {
            throw new IllegalArgumentException("a " + latentDims + "x" + outputs + " projection needs "
                    + (long) latentDims * outputs + " weights, not " + weights.length);
        }
    }
}
