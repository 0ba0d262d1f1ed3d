package org.latentlens.core.data;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The split between images a model may learn from and images it is measured on. For files, a fixed 5% of
 * entries (by a hash of the index) is held out; synthetic faces are endless, so held-out faces come from
 * another seed.
 */
public final class Splits {
    /** Seed offset of held-out synthetic faces. */
    public static final long HELD_OUT_SEED_OFFSET = 1_000_003L;

    private Splits() {}

    /** Whether entry {@code index} of a file dataset is held out. */
    public static boolean isHeldOut(int index) {
        long z = index * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z ^= z >>> 33;
        return Math.floorMod(z, 20) == 0;
    }

    /** The part of {@code d} to train on. */
    public static ImageDataset training(ImageDataset d) {
        if (d instanceof SyntheticDataset) {
            return d;
        }
        return new SubsetDataset(
                d, IntStream.range(0, d.size()).filter(i -> !isHeldOut(i)).toArray(), "train");
    }

    /** The part of {@code d} to measure on; never seen in training. */
    public static ImageDataset heldOut(ImageDataset d) {
        if (d instanceof SyntheticDataset s) {
            return s.withSeed(s.seed() + HELD_OUT_SEED_OFFSET, 20_000);
        }
        return new SubsetDataset(
                d, IntStream.range(0, d.size()).filter(Splits::isHeldOut).toArray(), "held-out");
    }

    /** A view of some entries of another dataset. */
    static final class SubsetDataset implements ImageDataset {
        private final ImageDataset base;
        private final int[] indices;
        private final String part;

        SubsetDataset(ImageDataset base, int[] indices, String part) {
            this.base = base;
            this.indices = indices;
            this.part = part;
        }

        @Override
        public String description() {
            return base.description();
        }

        @Override
        public int size() {
            return indices.length;
        }

        @Override
        public List<String> attributes() {
            return base.attributes();
        }

        @Override
        public Sample load(int index) throws IOException {
            return base.load(indices[index]);
        }

        @Override
        public float[] labels(int index) {
            return base.labels(indices[index]);
        }

        @Override
        public List<String> problems() {
            return base.problems();
        }

        @Override
        public String toString() {
            return base.description() + " (" + part + ")";
        }
    }
}
