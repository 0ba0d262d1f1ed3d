package org.latentlens.core.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.CategoricalFactor;

/**
 * Everything that defines a training run. Defaults were chosen by measurement on a 2-core CPU; see
 * {@code docs/training.md}.
 *
 * @param dataset {@code synthetic}, {@code celeba:PATH} or {@code folder:PATH}
 * @param imageSize 32, 64 or 128
 * @param attributes dataset attributes that become semantic latent dimensions (empty for unlabelled data)
 * @param freeDims unnamed latent dimensions
 * @param steps optimizer steps to reach
 * @param batchSize images per step
 * @param learningRate Adam step size for all three networks
 * @param labelFraction share of images whose labels are used (ss-InfoGAN); the rest count as unlabelled
 * @param seed data order, initial weights and latent sampling
 * @param baseChannels feature maps at full resolution
 * @param maxChannels cap on feature maps
 * @param hiddenUnits dense layer width before the heads
 * @param weights loss weights
 * @param checkpointEvery steps between checkpoints
 * @param sampleEvery steps between sample grids
 * @param emaDecay decay of the exported generator's moving average
 * @param modelName name written into the manifest
 * @param categoricals attributes that are one-of-N (race columns), each becoming one control with a choice per
 *     value; every value must be in {@code attributes}
 * @param recipe the model family trained (run.json files written before recipes existed are interpretable)
 * @param tricks the ablation options (R1, augmentation, two learning rates, minibatch std) and the run's limits
 *     (CPU budget, threads); {@link TrainingTricks#NONE} when not set (and in run.json files written before they
 *     existed)
 */
public record TrainingConfig(
        String dataset,
        int imageSize,
        List<String> attributes,
        int freeDims,
        long steps,
        int batchSize,
        double learningRate,
        double labelFraction,
        long seed,
        int baseChannels,
        int maxChannels,
        int hiddenUnits,
        LossWeights weights,
        int checkpointEvery,
        int sampleEvery,
        double emaDecay,
        String modelName,
        List<CategoricalFactor> categoricals,
        Recipe recipe,
        TrainingTricks tricks) {

    /** Validates the numbers a user can type. */
    public TrainingConfig {
        recipe = recipe == null ? Recipe.INTERPRETABLE : recipe;
        if (!recipe.hasCodes() && !attributes.isEmpty()) {
            throw new IllegalArgumentException("--recipe " + recipe.key() + " learns no named attributes; leave out "
                    + "--attributes (it trains " + freeDims + " free dimensions)");
        }
        attributes = List.copyOf(attributes);
        // run.json files written before the ablation options existed have none.
        tricks = tricks == null ? TrainingTricks.NONE : tricks;
        if (!recipe.hasDiscriminator() && tricks.actsOnDiscriminator()) {
            throw new IllegalArgumentException(TrainingTricks.DISCRIMINATOR_OPTIONS + " act on the discriminator, and "
                    + "--recipe " + recipe.key() + " has none; leave them out or pick a recipe with one");
        }
        // run.json files written before categorical factors existed have none.
        categoricals = categoricals == null ? List.of() : List.copyOf(categoricals);
        for (var c : categoricals) {
            for (String v : c.values()) {
                if (!attributes.contains(v)) {
                    throw new IllegalArgumentException("--categorical " + c + " names '" + v
                            + "', which is not among the " + "attributes " + attributes + "; add it to --attributes");
                }
            }
        }
        if (imageSize != 32 && imageSize != 64 && imageSize != 128 && imageSize != 16) {
            throw new IllegalArgumentException("--size must be 32, 64 or 128, not " + imageSize);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must not be negative");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch must be at least 1");
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("--lr must be between 0 and 1, not " + learningRate);
        }
        if (!(labelFraction >= 0 && labelFraction <= 1)) {
            throw new IllegalArgumentException("--label-fraction must be between 0 and 1, not " + labelFraction);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("--checkpoint-every must be at least 1, not " + checkpointEvery);
        }
        if (sampleEvery < 1) {
            throw new IllegalArgumentException("--sample-every must be at least 1, not " + sampleEvery);
        }
        if (freeDims < 0 || freeDims > 512) {
            throw new IllegalArgumentException("--free must be between 0 and 512, not " + freeDims);
        }
        if (baseChannels < 1 || baseChannels > 1024 || maxChannels < baseChannels || maxChannels > 4096) {
            throw new IllegalArgumentException("--channels must be between 1 and 1024 (and at most the maximum of "
                    + maxChannels + "), not " + baseChannels);
        }
        if (hiddenUnits < 1 || hiddenUnits > 16384) {
            throw new IllegalArgumentException("hidden units must be between 1 and 16384, not " + hiddenUnits);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("the EMA decay must be in [0, 1), not " + emaDecay);
        }
        if (attributes.isEmpty() && freeDims == 0) {
            throw new IllegalArgumentException("a model needs attributes or free dimensions");
        }
    }

    /** A copy that trains {@code newRecipe} with {@code newWeights}. */
    public TrainingConfig withRecipe(Recipe newRecipe, LossWeights newWeights) {
        return toBuilder().recipe(newRecipe).weights(newWeights).build();
    }

    /** A copy with these ablation options and limits. */
    public TrainingConfig withTricks(TrainingTricks newTricks) {
        return toBuilder().tricks(newTricks).build();
    }

    /** A copy in which {@code factors} group attributes into one-of-N controls. */
    public TrainingConfig withCategoricals(List<CategoricalFactor> factors) {
        return toBuilder().categoricals(factors).build();
    }

    /** The defaults for a dataset, size and attribute list. */
    public static TrainingConfig defaults(String dataset, int imageSize, List<String> attributes, long steps) {
        return new TrainingConfig(
                dataset,
                imageSize,
                attributes,
                8,
                steps,
                32,
                2e-4,
                1.0,
                1,
                imageSize >= 128 ? 4 : imageSize >= 64 ? 8 : 16,
                128,
                128,
                LossWeights.DEFAULT,
                500,
                250,
                0.999,
                "latent-lens-model",
                List.of(),
                Recipe.INTERPRETABLE,
                TrainingTricks.NONE);
    }

    /** A copy with another step target (used to extend a resumed run). */
    public TrainingConfig withSteps(long newSteps) {
        return toBuilder().steps(newSteps).build();
    }

    /** Hyper-parameters as text, for the manifest's training record. */
    public Map<String, String> hyperParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("imageSize", Integer.toString(imageSize));
        m.put("attributes", String.join(",", attributes));
        m.put("freeDims", Integer.toString(freeDims));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("labelFraction", Double.toString(labelFraction));
        m.put("seed", Long.toString(seed));
        m.put("baseChannels", Integer.toString(baseChannels));
        m.put("maxChannels", Integer.toString(maxChannels));
        m.put("hiddenUnits", Integer.toString(hiddenUnits));
        m.put("emaDecay", Double.toString(emaDecay));
        if (!categoricals.isEmpty()) {
            m.put(
                    "categorical",
                    String.join(" ", categoricals.stream().map(Object::toString).toList()));
        }
        m.putAll(weights.asMap());
        m.putAll(tricks.asMap());
        return m;
    }

    /** A builder that starts from this config: for copies that change several fields at once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes fields of a config one by one; {@link #build} validates the result as the constructor does. */
    public static final class Builder {
        private String dataset;
        private int imageSize;
        private List<String> attributes;
        private int freeDims;
        private long steps;
        private int batchSize;
        private double learningRate;
        private double labelFraction;
        private long seed;
        private int baseChannels;
        private int maxChannels;
        private int hiddenUnits;
        private LossWeights weights;
        private int checkpointEvery;
        private int sampleEvery;
        private double emaDecay;
        private String modelName;
        private List<CategoricalFactor> categoricals;
        private Recipe recipe;
        private TrainingTricks tricks;

        private Builder(TrainingConfig c) {
            dataset = c.dataset;
            imageSize = c.imageSize;
            attributes = c.attributes;
            freeDims = c.freeDims;
            steps = c.steps;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            labelFraction = c.labelFraction;
            seed = c.seed;
            baseChannels = c.baseChannels;
            maxChannels = c.maxChannels;
            hiddenUnits = c.hiddenUnits;
            weights = c.weights;
            checkpointEvery = c.checkpointEvery;
            sampleEvery = c.sampleEvery;
            emaDecay = c.emaDecay;
            modelName = c.modelName;
            categoricals = c.categoricals;
            recipe = c.recipe;
            tricks = c.tricks;
        }

        /** Sets {@code dataset}. */
        public Builder dataset(String value) {
            dataset = value;
            return this;
        }

        /** Sets {@code imageSize}. */
        public Builder imageSize(int value) {
            imageSize = value;
            return this;
        }

        /** Sets {@code attributes}. */
        public Builder attributes(List<String> value) {
            attributes = value;
            return this;
        }

        /** Sets {@code freeDims}. */
        public Builder freeDims(int value) {
            freeDims = value;
            return this;
        }

        /** Sets {@code steps}. */
        public Builder steps(long value) {
            steps = value;
            return this;
        }

        /** Sets {@code batchSize}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Sets {@code learningRate}. */
        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /** Sets {@code labelFraction}. */
        public Builder labelFraction(double value) {
            labelFraction = value;
            return this;
        }

        /** Sets {@code seed}. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Sets {@code baseChannels}. */
        public Builder baseChannels(int value) {
            baseChannels = value;
            return this;
        }

        /** Sets {@code maxChannels}. */
        public Builder maxChannels(int value) {
            maxChannels = value;
            return this;
        }

        /** Sets {@code hiddenUnits}. */
        public Builder hiddenUnits(int value) {
            hiddenUnits = value;
            return this;
        }

        /** Sets {@code weights}. */
        public Builder weights(LossWeights value) {
            weights = value;
            return this;
        }

        /** Sets {@code checkpointEvery}. */
        public Builder checkpointEvery(int value) {
            checkpointEvery = value;
            return this;
        }

        /** Sets {@code sampleEvery}. */
        public Builder sampleEvery(int value) {
            sampleEvery = value;
            return this;
        }

        /** Sets {@code emaDecay}. */
        public Builder emaDecay(double value) {
            emaDecay = value;
            return this;
        }

        /** Sets {@code modelName}. */
        public Builder modelName(String value) {
            modelName = value;
            return this;
        }

        /** Sets {@code categoricals}. */
        public Builder categoricals(List<CategoricalFactor> value) {
            categoricals = value;
            return this;
        }

        /** Sets {@code recipe}. */
        public Builder recipe(Recipe value) {
            recipe = value;
            return this;
        }

        /** Sets {@code tricks}. */
        public Builder tricks(TrainingTricks value) {
            tricks = value;
            return this;
        }

        /** The config, validated. */
        public TrainingConfig build() {
            return new TrainingConfig(
                    dataset,
                    imageSize,
                    attributes,
                    freeDims,
                    steps,
                    batchSize,
                    learningRate,
                    labelFraction,
                    seed,
                    baseChannels,
                    maxChannels,
                    hiddenUnits,
                    weights,
                    checkpointEvery,
                    sampleEvery,
                    emaDecay,
                    modelName,
                    categoricals,
                    recipe,
                    tricks);
        }
    }
}
