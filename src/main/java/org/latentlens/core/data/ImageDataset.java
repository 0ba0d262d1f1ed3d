package org.latentlens.core.data;

import java.io.IOException;
import java.util.List;

/**
 * A random-access collection of images with optional binary attribute labels. Images are decoded on
 * demand, so a dataset of any size costs only its index in memory. Implementations are thread-safe.
 */
public interface ImageDataset {
    /** How to name this dataset in a training record, e.g. {@code synthetic} or {@code celeba:/data/celeba}. */
    String description();

    /** Number of entries. */
    int size();

    /** Attribute names, in label order; empty for unlabelled data. */
    List<String> attributes();

    /** Decodes entry {@code index}; throws when the file is missing or not a readable image. */
    Sample load(int index) throws IOException;

    /** Problems found while indexing (bad rows, missing files); empty when none. */
    List<String> problems();

    /**
     * The labels of entry {@code index} without decoding its image (cheap; used for statistics).
     * Empty when unlabelled.
     */
    float[] labels(int index);
}
