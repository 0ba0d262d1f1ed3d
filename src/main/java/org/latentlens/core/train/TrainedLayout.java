package org.latentlens.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.data.LabelRates;
import org.latentlens.core.model.DimensionKind;
import org.latentlens.core.model.LatentDimension;
import org.latentlens.core.model.LatentLayout;

/** The latent layout of a model Latent Lens trains: semantic dimensions first, then free ones. */
public final class TrainedLayout {
    /** Semantic slider half-range written into trained manifests. */
    public static final float SEMANTIC_RANGE = 1.5f;
    /** Free slider half-range written into trained manifests. */
    public static final float FREE_RANGE = 3f;

    private TrainedLayout() {}

    /**
     * The layout of a model trained with {@code c}. Semantic sliders start at -1, "attribute absent", a value the
     * trainer samples around (0 lies between the two modes and is never trained on); free ones at 0.
     */
    public static LatentLayout of(TrainingConfig c) {
        List<LatentDimension> dims = new ArrayList<>();
        for (String a : c.attributes()) {
            // A categorical factor starts at its first value (one present, the rest absent): a valid category.
            boolean firstOfFactor =
                    c.categoricals().stream().anyMatch(f -> f.values().get(0).equals(a));
            dims.add(new LatentDimension(
                    a, DimensionKind.SEMANTIC, -SEMANTIC_RANGE, SEMANTIC_RANGE, firstOfFactor ? 1f : -1f));
        }
        for (int i = 0; i < c.freeDims(); i++) {
            dims.add(LatentDimension.free("free_" + i, FREE_RANGE));
        }
        return new LatentLayout(dims, c.categoricals());
    }

    /**
     * The layout a trained model's manifest describes: {@link #of(TrainingConfig)} with each semantic dimension's
     * {@code presence}, the share of the training images that have its attribute (NaN ones are left unsaid). The
     * sliders start where {@link #of(TrainingConfig)} starts them: starting each attribute at its commonest state
     * instead was measured to open the UTKFace model on a less real face (docs/training.md, eighth session).
     */
    public static LatentLayout of(TrainingConfig c, float[] presences) {
        LatentLayout plain = of(c);
        if (presences.length != c.attributes().size()) {
            throw new IllegalArgumentException(
                    presences.length + " presences for " + c.attributes().size() + " attributes");
        }
        List<LatentDimension> dims = new ArrayList<>(plain.dimensions());
        for (int i = 0; i < presences.length; i++) {
            if (!Float.isNaN(presences[i])) {
                dims.set(i, dims.get(i).withPresence(presences[i]));
            }
        }
        return new LatentLayout(dims, c.categoricals());
    }

    /**
     * How common each of the config's attributes is in {@code training}, the images the model learns from: the
     * share of known labels that are positive, NaN where the data has no such label or the recipe reads none
     * (InfoGAN's codes only borrow their names).
     */
    public static float[] presences(TrainingConfig c, ImageDataset training) {
        float[] out = new float[c.attributes().size()];
        Arrays.fill(out, Float.NaN);
        if (!c.recipe().usesLabels() || out.length == 0) {
            return out;
        }
        double[] rates = LabelRates.positive(training);
        for (int i = 0; i < out.length; i++) {
            int column = training.attributes().indexOf(c.attributes().get(i));
            if (column >= 0) {
                out[i] = (float) rates[column];
            }
        }
        return out;
    }
}
