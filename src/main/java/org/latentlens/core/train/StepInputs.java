package org.latentlens.core.train;

/**
 * Everything one training step feeds an engine; arrays are row-major for {@code count} rows.
 *
 * @param step the step being taken, 1-based (optimizers derive their bias corrections from it)
 * @param count images in the batch
 * @param images pixels, NHWC in [-1, 1]
 * @param labels ±1 attribute labels (0 unknown), {@code attributes} per row
 * @param mask 1 where a label is known and used, else 0
 * @param semantic the prior's semantic code for generated images
 * @param semanticTarget 1 where {@code semantic} means "present", else 0
 * @param free the prior's free code for generated images
 * @param noise standard-normal noise for the encoder's reparameterised sample
 * @param learningRate the optimizers' step size
 * @param emaDecay decay of the generator's moving average at this step
 */
public record StepInputs(
        long step,
        int count,
        float[] images,
        float[] labels,
        float[] mask,
        float[] semantic,
        float[] semanticTarget,
        float[] free,
        float[] noise,
        double learningRate,
        double emaDecay) {

    /** A copy with other pixels (tests feed NaN to prove the roll-back). */
    public StepInputs withImages(float[] newImages) {
        return new StepInputs(
                step, count, newImages, labels, mask, semantic, semanticTarget, free, noise, learningRate, emaDecay);
    }
}
