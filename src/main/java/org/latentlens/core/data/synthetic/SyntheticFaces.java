package org.latentlens.core.data.synthetic;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * An endless, deterministic source of synthetic faces: face {@code i} of seed {@code s} is always the
 * same, whatever order faces are drawn in and on whichever thread.
 */
public final class SyntheticFaces {
    private final long seed;

    /** Faces of this seed. */
    public SyntheticFaces(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The factors of face {@code index}. */
    public FaceFactors factors(long index) {
        return FaceFactors.sample(new SplittableRandom(mix(seed, index)));
    }

    /** Face {@code index} rendered at {@code size} pixels. */
    public BufferedImage image(long index, int size) {
        return FaceRenderer.render(factors(index), size);
    }

    private static long mix(long seed, long index) {
        // SplitMix64 finaliser over both numbers, so neighbouring indices give unrelated streams.
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
