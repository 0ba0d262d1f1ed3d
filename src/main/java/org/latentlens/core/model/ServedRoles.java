package org.latentlens.core.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles an engine's model serves from its own graphs, and what the rest of Latent Lens may then ask of it: the
 * one rule every {@link GanModel} engine follows (saliency without a saliency graph is computed by occlusion from
 * discriminate, {@link OcclusionSaliency}).
 */
public final class ServedRoles {
    private final Set<ModelRole> served;

    /** The roles present in the model's own graphs. */
    public ServedRoles(Set<ModelRole> served) {
        this.served = served.isEmpty() ? EnumSet.noneOf(ModelRole.class) : EnumSet.copyOf(served);
    }

    /** Whether the model has its own graph for {@code role}. */
    public boolean serves(ModelRole role) {
        return served.contains(role);
    }

    /** {@link GanModel#supports}: served, or saliency computed from discriminate. */
    public boolean supports(ModelRole role) {
        return served.contains(role) || (role == ModelRole.SALIENCY && served.contains(ModelRole.DISCRIMINATE));
    }

    /** {@link GanModel#approximates}: saliency that Latent Lens computes because the model has none of its own. */
    public boolean approximates(ModelRole role) {
        return role == ModelRole.SALIENCY && !served.contains(role) && supports(role);
    }

    /** Refuses latent codes whose length is not the manifest's. */
    public static void checkCodes(ModelManifest manifest, FloatMatrix z) {
        if (z.cols() != manifest.latent().size()) {
            throw new IllegalArgumentException("latent codes have " + z.cols() + " values; the model takes "
                    + manifest.latent().size());
        }
    }

    /**
     * Refuses images of another size or channel count than {@code manifest}'s, with a message naming both, before an
     * engine sees them (engines fail on a wrong shape with messages about tensors).
     */
    public static void checkImages(ModelManifest manifest, ImageBatch images) {
        var spec = manifest.image();
        if (images.height() != spec.height()
                || images.width() != spec.width()
                || images.channels() != spec.channels()) {
            throw new IllegalArgumentException(
                    "images are " + images.width() + "x" + images.height() + "x" + images.channels()
                            + "; the model takes " + spec.width() + "x" + spec.height() + "x" + spec.channels());
        }
    }
}
