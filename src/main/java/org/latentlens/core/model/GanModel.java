package org.latentlens.core.model;

import java.util.List;

/**
 * A loaded GAN behind the bundle contract: a generator, and where the bundle has them a semantic encoder, a
 * discriminator and a saliency map. Only {@link ModelRole#GENERATE} is guaranteed; ask {@link #supports} before
 * calling the others, which throw {@link UnsupportedOperationException} when the model lacks them.
 *
 * <p>Implementations are safe to call from several worker threads at once. They own native memory:
 * close them when done.
 */
public interface GanModel extends AutoCloseable {

    /** What the bundle's manifest says. */
    ModelManifest manifest();

    /** Renders one image per latent code (rows of {@code z} follow the latent layout). */
    ImageBatch generate(FloatMatrix z);

    /** Whether the model can serve {@code role}. */
    boolean supports(ModelRole role);

    /** Whether Latent Lens computes {@code role} itself from the other roles (saliency by occlusion, say). */
    default boolean approximates(ModelRole role) {
        return false;
    }

    /**
     * Where the model serves {@code role}, for people: {@code signature 'generate'} for a SavedModel,
     * {@code encoder.onnx} for an ONNX bundle.
     */
    default String source(ModelRole role) {
        return "signature '" + manifest().binding(role).signature() + "'";
    }

    /** Reads latent codes and attribute logits from images of the manifest's size and range. */
    Encoding encode(ImageBatch images);

    /** Scores images for realism and reads the discriminator's attribute head. */
    Discrimination discriminate(ImageBatch images);

    /** Whether {@link #saliency} works: from the model's own signature or computed from {@link #discriminate}. */
    default boolean hasSaliency() {
        return supports(ModelRole.SALIENCY);
    }

    /**
     * The gradient magnitude of the realism score per pixel.
     *
     * @throws UnsupportedOperationException if {@link #hasSaliency()} is false
     */
    SaliencyMaps saliency(ImageBatch images);

    /**
     * Renders {@code z} and reads {@code parts} off the images: what the explorer needs per frame. Models whose bundle
     * has a combined signature answer in one engine call; others make the separate calls
     * ({@link Frame#bySeparateCalls}). Ask only for parts the model {@link #supports}.
     */
    default Frame frame(FloatMatrix z, FrameParts parts) {
        return Frame.bySeparateCalls(this, z, parts);
    }

    /** Whether {@link #activations} works: the bundle exports the generator's feature maps. */
    default boolean hasActivations() {
        return false;
    }

    /**
     * The generator's feature maps for one code, one entry per resolution level, coarsest first (the Activations
     * view).
     *
     * @throws UnsupportedOperationException if {@link #hasActivations()} is false
     */
    default List<FeatureMaps> activations(float[] code) {
        throw new UnsupportedOperationException("model '" + manifest().name() + "' does not export its generator's "
                + "feature maps (no " + SignatureNames.ACTIVATIONS + " signature)");
    }

    /** Frees the native session. */
    @Override
    void close();
}
