package org.latentlens.core.train;

/**
 * Which images keep their labels under {@code --label-fraction}: a fixed, seeded subset of the dataset, so
 * the same images stay labelled for the whole run and across resumes (ss-InfoGAN's semi-supervision).
 */
public final class LabelMask {
    private LabelMask() {}

    /** Whether dataset entry {@code index} contributes its labels. */
    public static boolean usesLabels(long seed, int index, double fraction) {
        if (fraction >= 1) {
            return true;
        }
        if (fraction <= 0) {
            return false;
        }
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < fraction;
    }
}
