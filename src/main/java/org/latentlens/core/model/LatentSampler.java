package org.latentlens.core.model;

import java.util.Random;

/**
 * Draws latent codes the way the trainer's prior does: each semantic value is an attribute present (+) or
 * absent (-) at a strength between 0.6 and 1.4, each free value is standard normal.
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
            z[i] = layout.get(i).isSemantic() ? semantic(r) : (float) r.nextGaussian();
        }
        for (CategoricalFactor c : layout.categoricals()) {
            int[] idx = layout.indicesOf(c);
            int chosen = r.nextInt(idx.length);
            for (int k = 0; k < idx.length; k++) {
                float strength = Math.abs(z[idx[k]]);
                z[idx[k]] = k == chosen ? strength : -strength;
            }
        }
        return z;
    }

    /** A semantic value: random sign, strength in [{@value #MIN_STRENGTH}, {@value #MAX_STRENGTH}]. */
    public static float semantic(Random r) {
        float strength = MIN_STRENGTH + (MAX_STRENGTH - MIN_STRENGTH) * r.nextFloat();
        return r.nextBoolean() ? strength : -strength;
    }
}
