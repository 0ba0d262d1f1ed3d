package org.latentlens.core.model;

import java.util.Random;

/**
 * Draws latent codes for random faces: each semantic value is its attribute present (+) or absent (-) at a strength
 * between 0.6 and 1.4, present as often as the manifest's {@link LatentDimension#presence() presence} says (half the
 * time when it does not say, which is how the trainer's prior draws them); each free value is standard normal.
 *
 * <p>Drawing attributes as often as the training images have them is what makes a random face a face like the
 * data's: a race present in 4 % of the photos drawn for a fifth of the faces is a different population, and a
 * realism figure measured on it says as much about the sampling as about the generator.
 */
public final class LatentSampler {
    /** Weakest semantic strength drawn. */
    public static final float MIN_STRENGTH = 0.6f;
    /** Strongest semantic strength drawn. */
    public static final float MAX_STRENGTH = 1.4f;

    private LatentSampler() {}

    /** One code for {@code layout}; each categorical factor gets exactly one value present. */
    public static float[] sample(LatentLayout layout, Random r) {
        float[] z = new float[layout.size()];
        for (int i = 0; i < z.length; i++) {
            LatentDimension d = layout.get(i);
            z[i] = d.isSemantic() ? semantic(r, d.presence()) : (float) r.nextGaussian();
        }
        for (CategoricalFactor c : layout.categoricals()) {
            int[] idx = layout.indicesOf(c);
            int chosen = chooseValue(layout, idx, r);
            for (int k = 0; k < idx.length; k++) {
                float strength = Math.abs(z[idx[k]]);
                z[idx[k]] = k == chosen ? strength : -strength;
            }
        }
        return z;
    }

    /** A semantic value: random sign, strength in [{@value #MIN_STRENGTH}, {@value #MAX_STRENGTH}]. */
    public static float semantic(Random r) {
        return semantic(r, Float.NaN);
    }

    /**
     * A semantic value present with probability {@code presence} (NaN: one half, drawn exactly as the trainer's
     * prior draws it, so that a manifest without presences samples as it always did).
     */
    static float semantic(Random r, float presence) {
        float strength = MIN_STRENGTH + (MAX_STRENGTH - MIN_STRENGTH) * r.nextFloat();
        boolean present = Float.isNaN(presence) ? r.nextBoolean() : r.nextFloat() < presence;
        return present ? strength : -strength;
    }

    /**
     * Which value of a categorical factor is present: in proportion to the values' presences when every value has
     * one (they are exclusive, so the shares are the data's mix), else uniformly.
     */
    private static int chooseValue(LatentLayout layout, int[] idx, Random r) {
        double total = 0;
        for (int i : idx) {
            LatentDimension d = layout.get(i);
            if (!d.hasPresence()) {
                return r.nextInt(idx.length);
            }
            total += d.presence();
        }
        if (total <= 0) {
            return r.nextInt(idx.length);
        }
        double u = r.nextDouble() * total;
        for (int k = 0; k < idx.length; k++) {
            u -= layout.get(idx[k]).presence();
            if (u < 0) {
                return k;
            }
        }
        return idx.length - 1;
    }
}
