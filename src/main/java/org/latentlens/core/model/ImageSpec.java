package org.latentlens.core.model;

/**
 * Size and value range of the images a model reads and writes (NHWC, float).
 *
 * @param width pixels
 * @param height pixels
 * @param channels 3 for RGB, 1 for grey
 * @param minValue value of black
 * @param maxValue value of full intensity
 */
public record ImageSpec(int width, int height, int channels, float minValue, float maxValue) {

    /** Validates the spec. */
    public ImageSpec {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, got " + channels);
        }
        if (!(minValue < maxValue)) {
            throw new IllegalArgumentException("image value range [" + minValue + ", " + maxValue + "] is empty");
        }
    }

    /** Square RGB images in [-1, 1], what our trainer produces. */
    public static ImageSpec rgbSquare(int size) {
        return new ImageSpec(size, size, 3, -1f, 1f);
    }

    /** Number of floats in one image. */
    public int pixelValues() {
        return width * height * channels;
    }

    /** Maps a byte intensity 0..255 into the value range. */
    public float fromByte(int v) {
        return minValue + (maxValue - minValue) * (v / 255f);
    }

    /** Maps a value in the range onto 0..255, clamping. */
    public int toByte(float v) {
        float t = (v - minValue) / (maxValue - minValue);
        return Math.round(Math.max(0f, Math.min(1f, t)) * 255f);
    }
}
