package org.latentlens.core.model;

/**
 * What the discriminator says of a batch of images.
 *
 * @param realism one logit per image; higher means more like the training images
 * @param attributeLogits one logit per manifest attribute, one row per image
 */
public record Discrimination(float[] realism, FloatMatrix attributeLogits) {}
