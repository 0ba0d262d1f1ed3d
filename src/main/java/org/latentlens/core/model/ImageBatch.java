package org.latentlens.core.model;

import java.util.List;

/**
 * A batch of images as the model sees them: NHWC floats in the manifest's value range.
 *
 * @param count number of images
 * @param height pixels
 * @param width pixels
 * @param channels 1 or 3
 * @param data {@code count * height * width * channels} values
 */
public record ImageBatch(int count, int height, int width, int channels, float[] data) {
    /** Checks the size. */
    public ImageBatch {
        if (data.length != count * height * width * channels) {
            throw new IllegalArgumentException("image batch " + count + "x" + height + "x" + width + "x" + channels
                    + " cannot hold " + data.length + " values");
        }
    }

    /** Stacks single images (each {@code height * width * channels} values, HWC). */
    public static ImageBatch of(List<float[]> images, int height, int width, int channels) {
        int per = height * width * channels;
        float[] data = new float[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).length != per) {
                throw new IllegalArgumentException(
                        "image " + i + " has " + images.get(i).length + " values, expected " + per);
            }
            System.arraycopy(images.get(i), 0, data, i * per, per);
        }
        return new ImageBatch(images.size(), height, width, channels, data);
    }

    /** Values of one image. */
    public int valuesPerImage() {
        return height * width * channels;
    }

    /** A copy of image {@code i} (HWC). */
    public float[] image(int i) {
        float[] out = new float[valuesPerImage()];
        System.arraycopy(data, i * out.length, out, 0, out.length);
        return out;
    }
}
