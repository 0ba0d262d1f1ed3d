package org.latentlens.core.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelManifest;

/**
 * A run that starts from a model Latent Lens trained (a warm start). Such a run must have the bundle's shape (image
 * size, attributes, one-of-N factors, free dimensions, widths, D's minibatch feature, recipe and loss weights), so
 * the shape is read from the bundle's training record rather than typed again; what to train on, for how long and
 * where come from the run the caller describes.
 */
public final class FineTuning {
    private FineTuning() {}

    /**
     * {@code run} reshaped to continue the model in the folder {@code bundle}, read from its manifest.
     *
     * @throws IllegalArgumentException with a message for the user when the folder holds no readable model or one that
     *     Latent Lens did not train
     */
    public static TrainingConfig of(Path bundle, TrainingConfig run, boolean encoderOnly) {
        ModelManifest m;
        try {
            m = ManifestJson.read(bundle);
        } catch (ModelBundleException e) {
            throw new IllegalArgumentException("Cannot start from " + bundle + ": " + e.getMessage(), e);
        }
        return of(m, bundle, run, encoderOnly);
    }

    /**
     * {@code run} reshaped to continue the model in {@code bundle}, whose manifest is {@code m}.
     *
     * @param encoderOnly train only the encoder, for the bundle's generator as it is ({@link TrainingTricks#encoderOnly})
     * @throws IllegalArgumentException with a message for the user when the bundle was not trained by Latent Lens
     */
    public static TrainingConfig of(ModelManifest m, Path bundle, TrainingConfig run, boolean encoderOnly) {
        Map<String, String> hp = m.training() == null ? Map.of() : m.training().hyperParameters();
        for (String key : List.of("baseChannels", "maxChannels", "hiddenUnits", "freeDims")) {
            if (!hp.containsKey(key)) {
                throw new IllegalArgumentException(
                        m.name() + " cannot be fine-tuned: its manifest does not say how it was " + "trained (no " + key
                                + "); only models trained by Latent Lens can be continued");
            }
        }
        Recipe recipe = Recipe.ofKey(m.training().recipe());
        List<String> attributes = Arrays.stream(
                        hp.getOrDefault("attributes", "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        List<CategoricalFactor> categoricals = Arrays.stream(
                        hp.getOrDefault("categorical", "").split(" "))
                .filter(s -> !s.isBlank())
                .map(CategoricalFactor::parse)
                .toList();
        int hidden = Integer.parseInt(hp.get("hiddenUnits"));
        LossWeights weights = recipe.weights(m.image().width(), hidden, null);
        // The record of an encoder-only run holds the weights its encoder was fitted with, not those G and D were
        // trained with (it may have switched the adversarial term off): such a model continues with the recipe's.
        boolean fittedEncoder = Boolean.parseBoolean(hp.get("encoderOnly"));
        for (String name : fittedEncoder ? List.<String>of() : LossWeights.NAMES) {
            String w = hp.get("w." + name);
            if (w != null) {
                weights = weights.with(name, Double.parseDouble(w));
            }
        }
        TrainingTricks t = run.tricks();
        TrainingTricks tricks = new TrainingTricks(
                encoderOnly ? 0 : t.r1Gamma(),
                t.r1Every(),
                encoderOnly ? List.of() : t.augment(),
                encoderOnly ? 0 : t.dLearningRate(),
                Boolean.parseBoolean(hp.get("minibatchStd")),
                t.cpuMinutes(),
                t.intraOpThreads(),
                t.interOpThreads(),
                bundle.toString(),
                encoderOnly,
                t.dataPrior() || "data".equals(hp.get("prior")),
                t.bf16(),
                // Like the data prior, the prior G was trained on continues unless the new run sets its own.
                t.openingShare() > 0 ? t.openingShare() : Double.parseDouble(hp.getOrDefault("openingShare", "0")));
        return run.toBuilder()
                .imageSize(m.image().width())
                .attributes(attributes)
                .categoricals(categoricals)
                .freeDims(Integer.parseInt(hp.get("freeDims")))
                .baseChannels(Integer.parseInt(hp.get("baseChannels")))
                .maxChannels(Integer.parseInt(hp.get("maxChannels")))
                .hiddenUnits(hidden)
                .recipe(recipe)
                .weights(weights)
                .labelFraction(
                        Double.parseDouble(hp.getOrDefault("labelFraction", Double.toString(run.labelFraction()))))
                .emaDecay(Double.parseDouble(hp.getOrDefault("emaDecay", Double.toString(run.emaDecay()))))
                .tricks(tricks)
                .build();
    }
}
