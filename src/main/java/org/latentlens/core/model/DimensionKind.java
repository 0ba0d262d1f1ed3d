package org.latentlens.core.model;

/** Whether a latent dimension is tied to a named attribute or is an unnamed nuisance dimension. */
public enum DimensionKind {
    /** Tied to a named attribute: moving it should change that attribute and nothing else. */
    SEMANTIC,
    /** An unnamed dimension for everything the attributes do not describe (pose, lighting, ...). */
    FREE
}
