package org.latentlens.core.train;

import java.util.ArrayList;
import java.util.List;
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
}
