package org.latentlens.ui.common;

import java.awt.image.BufferedImage;

/**
 * Everything computed for one latent code, off the UI thread.
 *
 * @param code the code rendered
 * @param image the generated picture
 * @param pixels the generated image in model values (HWC), for metrics
 * @param encoderProbabilities per manifest attribute, or {@code null} when the model has no encoder
 * @param discriminatorProbabilities per manifest attribute, or {@code null} when the model has no discriminator
 * @param realism the discriminator's realism logit, NaN without a discriminator
 * @param saliency per-pixel map (row-major, H x W), or {@code null} when the model has none or the overlay is off
 * @param requestedNanos when the edit that asked for this happened ({@code System.nanoTime})
 * @param computeMillis time spent computing
 */
public record RenderResult(
        float[] code,
        BufferedImage image,
        float[] pixels,
        float[] encoderProbabilities,
        float[] discriminatorProbabilities,
        float realism,
        float[] saliency,
        long requestedNanos,
        double computeMillis) {}
