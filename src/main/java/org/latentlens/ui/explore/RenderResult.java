package org.latentlens.ui.explore;

import java.awt.image.BufferedImage;

/**
 * Everything computed for one latent code, off the UI thread.
 *
 * @param code the code rendered
 * @param image the generated picture
 * @param pixels the generated image in model values (HWC), for metrics
 * @param encoderProbabilities per manifest attribute
 * @param discriminatorProbabilities per manifest attribute
 * @param realism the discriminator's realism logit
 * @param saliency per-pixel map (row-major, H x W), or {@code null} when the model has none
 * @param requestedNanos when the edit that asked for this happened ({@code System.nanoTime})
 * @param computeMillis time spent computing
 */
public record RenderResult(float[] code, BufferedImage image, float[] pixels, float[] encoderProbabilities,
    float[] discriminatorProbabilities, float realism, float[] saliency, long requestedNanos, double computeMillis) {}
