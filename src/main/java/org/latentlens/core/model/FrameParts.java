package org.latentlens.core.model;

/**
 * What a frame of the explorer reads off the image it renders, besides the image: the encoder's attribute readout,
 * the discriminator's realism and attributes, the saliency map. Parts that no view shows are not computed.
 */
public record FrameParts(boolean encoder, boolean discriminator, boolean saliency) {
    /** The image only. */
    public static final FrameParts IMAGE_ONLY = new FrameParts(false, false, false);
}
