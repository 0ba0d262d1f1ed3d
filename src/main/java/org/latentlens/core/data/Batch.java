package org.latentlens.core.data;

import org.latentlens.core.model.ImageBatch;

/**
 * Images ready for a model plus their labels.
 *
 * @param images preprocessed images
 * @param labels {@code count * attributes} values: 1, -1, or 0 for unknown
 * @param attributes labels per image (0 for unlabelled data)
 * @param skipped entries of this batch left out because they could not be read
 * @param indices dataset index of each image
 */
public record Batch(ImageBatch images, float[] labels, int attributes, int skipped, int[] indices) {
    public int count() {
        return images.count();
    }
}
