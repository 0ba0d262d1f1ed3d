package org.latentlens.core.train;

import java.util.Random;
import org.latentlens.core.data.Batch;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;

/**
 * Turns a batch of real images into one step's {@link StepInputs}: the labels the label fraction keeps, a draw
 * from the latent prior for the generated images, the encoder's noise, and the moving average's warm-up.
 */
final class StepInputFactory {
    private final TrainingConfig config;
    private final int[] columns;
    /** The semantic part of the layout, for drawing the prior's semantic values (null without attributes). */
    private final LatentLayout semanticLayout;

    /**
     * Inputs for {@code config}; {@code columns} are the dataset label columns of the config's attributes. With
     * {@link TrainingTricks#dataPrior()}, the prior draws each attribute as often as {@code presences} says (the
     * training images' shares); otherwise they are not read and every attribute is drawn half the time.
     */
    StepInputFactory(TrainingConfig config, int[] columns, float[] presences) {
        this.config = config;
        this.columns = columns.clone();
        LatentLayout layout =
                config.tricks().dataPrior() ? TrainedLayout.of(config, presences) : TrainedLayout.of(config);
        // Semantic dimensions come first in the layout; without attributes there are none to draw.
        int semanticCount = config.attributes().size();
        this.semanticLayout = semanticCount == 0
                ? null
                : new LatentLayout(layout.dimensions().subList(0, semanticCount), config.categoricals());
    }

    /** The inputs of step {@code step} (1-based); draws from {@code r} in a fixed order, so runs repeat exactly. */
    StepInputs create(Batch batch, long step, double learningRate, Random r) {
        int n = batch.count();
        int a = columns.length;
        int f = config.freeDims();
        float[] labels = new float[n * a];
        float[] mask = new float[n * a];
        for (int i = 0; i < n; i++) {
            boolean use = config.recipe().usesLabels()
                    && LabelMask.usesLabels(config.seed(), batch.indices()[i], config.labelFraction());
            for (int j = 0; j < a; j++) {
                // A column of -1 is a code the dataset has no label for (InfoGAN's): unknown.
                float v = columns[j] < 0 ? 0f : batch.labels()[i * batch.attributes() + columns[j]];
                labels[i * a + j] = v;
                mask[i * a + j] = use && v != 0 ? 1f : 0f;
            }
        }
        float[] semantic = new float[n * a];
        float[] target = new float[n * a];
        for (int row = 0; row < n && a > 0; row++) {
            // The prior's semantic part, with exactly one value present per categorical factor.
            System.arraycopy(LatentSampler.sample(semanticLayout, r), 0, semantic, row * a, a);
        }
        for (int i = 0; i < semantic.length; i++) {
            target[i] = semantic[i] > 0 ? 1f : 0f;
        }
        float[] free = new float[n * f];
        float[] noise = new float[n * f];
        for (int i = 0; i < free.length; i++) {
            free[i] = (float) r.nextGaussian();
            noise[i] = (float) r.nextGaussian();
        }
        shrinkTowardsOpening(free, n, f, r);
        // EMA warm-up: early on the average follows G closely instead of clinging to the random start. A warm start
        // begins from a trained average, which the first updates of fresh optimizers must not wash out.
        double decay = config.tricks().warmStart().isEmpty()
                ? Math.min(config.emaDecay(), (1.0 + step) / (10.0 + step))
                : config.emaDecay();
        return new StepInputs(
                step, n, batch.images().data(), labels, mask, semantic, target, free, noise, learningRate, decay);
    }

    /**
     * With {@link TrainingTricks#openingShare()}, that share of the rows get their free part scaled by a uniform
     * factor in [0, 1], so G also learns codes near the app's opening code (free part 0). Its draws come after all
     * others, so a run without it draws exactly what it always did.
     */
    private void shrinkTowardsOpening(float[] free, int rows, int f, Random r) {
        double share = config.tricks().openingShare();
        if (share <= 0 || f == 0) {
            return;
        }
        for (int row = 0; row < rows; row++) {
            if (r.nextDouble() < share) {
                float scale = (float) r.nextDouble();
                for (int j = 0; j < f; j++) {
                    free[row * f + j] *= scale;
                }
            }
        }
    }
}
