package org.latentlens.core.data;

import java.nio.file.Path;

/** Opens a dataset from the spec users type: {@code synthetic}, {@code celeba:PATH} or {@code folder:PATH}. */
public final class Datasets {
    /** Entries in the synthetic dataset unless a count is given. */
    public static final int DEFAULT_SYNTHETIC_COUNT = 200_000;

    private Datasets() {}

    /**
     * Opens {@code spec}; {@code imageSize} is used to render synthetic faces at the model's size.
     *
     * @throws DatasetException when the spec is malformed or the data is unusable
     */
    public static ImageDataset open(String spec, int imageSize, long seed) throws DatasetException {
        if (spec.equals("synthetic")) {
            return new SyntheticDataset(seed, DEFAULT_SYNTHETIC_COUNT, imageSize);
        }
        if (spec.startsWith("celeba:")) {
            return CelebaDataset.open(Path.of(spec.substring("celeba:".length())));
        }
        if (spec.startsWith("folder:")) {
            return ImageFolderDataset.open(Path.of(spec.substring("folder:".length())));
        }
        throw new DatasetException("Unknown dataset '" + spec + "'. Use synthetic, celeba:PATH or folder:PATH.");
    }
}
