package org.latentlens.core.model;

/**
 * Per-pixel maps of how strongly each pixel drives the realism score.
 *
 * @param count images
 * @param height pixels
 * @param width pixels
 * @param data {@code count * height * width} non-negative values
 */
public record SaliencyMaps(int count, int height, int width, float[] data) {
    /** Checks the size. */
    public SaliencyMaps {
        if (data.length != count * height * width) {
            throw new IllegalArgumentException(
                    "saliency " + count + "x" + height + "x" + width + " cannot hold " + data.length);
        }
    }

    /** A copy of map {@code i}, row-major. */
    public float[] map(int i) {
        float[] out = new float[height * width];
        System.arraycopy(data, i * out.length, out, 0, out.length);
        return out;
    }
}
