package org.latentlens.core.model;

/**
 * Order of the axes of a model's image tensors. Latent Lens works in NHWC; an NCHW model (the PyTorch habit)
 * has its images transposed at the engine boundary.
 */
public enum ImageLayout {
    /** Batch, height, width, channels (TensorFlow/Keras). */
    NHWC,
    /** Batch, channels, height, width (PyTorch). */
    NCHW;

    /** The layout named {@code text} (case-insensitive), or an exception naming the choices. */
    public static ImageLayout parse(String text) {
        for (ImageLayout l : values()) {
            if (l.name().equalsIgnoreCase(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException("image layout '" + text + "' is neither \"NHWC\" nor \"NCHW\"");
    }

    /** The shape of a batch of {@code spec}'s images in this layout ({@code -1} batch). */
    public long[] batchShape(ImageSpec spec) {
        return this == NHWC
                ? new long[] {-1, spec.height(), spec.width(), spec.channels()}
                : new long[] {-1, spec.channels(), spec.height(), spec.width()};
    }
}
