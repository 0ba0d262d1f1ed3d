package org.latentlens.core.model;

/**
 * What the encoder reads from a batch of images.
 *
 * @param latent codes in the latent layout, one row per image
 * @param attributeLogits one logit per manifest attribute, one row per image
 */
public record Encoding(FloatMatrix latent, FloatMatrix attributeLogits) {}
