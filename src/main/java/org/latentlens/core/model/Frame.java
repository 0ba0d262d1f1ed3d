package org.latentlens.core.model;

/**
 * One rendered frame: the images for a batch of codes and the parts {@link FrameParts} asked for (null where not).
 *
 * @param encoderAttributeLogits the encoder's attribute logits read from {@code images}
 * @param discrimination the discriminator's realism and attribute logits of {@code images}
 * @param saliency the realism score's gradient magnitude per pixel of {@code images}
 */
public record Frame(
        ImageBatch images, FloatMatrix encoderAttributeLogits, Discrimination discrimination, SaliencyMaps saliency) {

    /**
     * The frame as separate calls (generate, then encode, discriminate and saliency on its images): what every model
     * can do, and what a model with a combined signature must agree with.
     */
    public static Frame bySeparateCalls(GanModel model, FloatMatrix z, FrameParts parts) {
        ImageBatch images = model.generate(z);
        return new Frame(
                images,
                parts.encoder() ? model.encode(images).attributeLogits() : null,
                parts.discriminator() ? model.discriminate(images) : null,
                parts.saliency() ? model.saliency(images) : null);
    }
}
