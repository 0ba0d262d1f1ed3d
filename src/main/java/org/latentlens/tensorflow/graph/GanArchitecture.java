package org.latentlens.tensorflow.graph;

/**
 * Sizes of the three networks. Square RGB-or-grey images whose side is a power of two from 16 up.
 *
 * @param imageSize side in pixels (16, 32, 64, 128, ...)
 * @param channels 3 for RGB, 1 for grey
 * @param semanticDims latent dimensions tied to attributes
 * @param freeDims unnamed latent dimensions
 * @param attributeCount attribute logits the encoder and discriminator heads predict
 * @param baseChannels feature maps at full resolution; doubles at each halving, up to {@code maxChannels}
 * @param maxChannels cap on feature maps
 * @param hiddenUnits width of the dense layer before the heads
 * @param minibatchStd whether D appends a minibatch standard deviation feature map at 4x4 (see {@link MinibatchStd})
 */
public record GanArchitecture(
        int imageSize,
        int channels,
        int semanticDims,
        int freeDims,
        int attributeCount,
        int baseChannels,
        int maxChannels,
        int hiddenUnits,
        boolean minibatchStd) {

    /** Sizes of networks without the minibatch standard deviation feature. */
    public GanArchitecture(
            int imageSize,
            int channels,
            int semanticDims,
            int freeDims,
            int attributeCount,
            int baseChannels,
            int maxChannels,
            int hiddenUnits) {
        this(
                imageSize,
                channels,
                semanticDims,
                freeDims,
                attributeCount,
                baseChannels,
                maxChannels,
                hiddenUnits,
                false);
    }

    /** Validates sizes. */
    public GanArchitecture {
        if (imageSize < 8 || Integer.bitCount(imageSize) != 1) {
            throw new IllegalArgumentException("image size must be a power of two of at least 8, got " + imageSize);
        }
        if (semanticDims < 0 || freeDims < 0 || semanticDims + freeDims == 0) {
            throw new IllegalArgumentException("the latent code needs at least one dimension");
        }
        if (attributeCount < semanticDims) {
            throw new IllegalArgumentException("every semantic dimension needs an attribute");
        }
    }

    /** Length of the latent code: semantic part first, then the free part. */
    public int latentDims() {
        return semanticDims + freeDims;
    }

    /** Number of 2x resolution steps between 4x4 and the image. */
    public int levels() {
        return Integer.numberOfTrailingZeros(imageSize) - 2;
    }

    /** Feature maps at a given resolution. */
    public int channelsAt(int resolution) {
        long c = (long) baseChannels * imageSize / resolution;
        return (int) Math.min(c, maxChannels);
    }
}
