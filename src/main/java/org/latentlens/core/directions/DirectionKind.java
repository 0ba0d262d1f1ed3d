package org.latentlens.core.directions;

import java.util.Locale;

/** How a latent direction was found. */
public enum DirectionKind {
    /** The normal of a linear boundary between codes the judge reads with and without an attribute (InterFaceGAN). */
    SUPERVISED,
    /** A principal direction of what the generator draws, found without labels and named afterwards (GANSpace). */
    UNSUPERVISED;

    /** The name used in {@code directions.json}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
