package org.latentlens.tensorflow.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Differentiable augmentation (DiffAugment, Zhao et al. 2020) of every image D sees in training, real and
 * generated, so that D cannot memorise a small dataset while G still learns the un-augmented distribution (the
 * augmentations are differentiable, so G's gradient passes through them). Applied in this order, with the paper's
 * strengths:
 * <ul>
 *   <li>{@code color}: brightness + U(-0.5, 0.5), saturation × U(0, 2), contrast × U(0.5, 1.5), per image;</li>
 *   <li>{@code translation}: a shift of up to 1/8 of the side in each direction, zero-filled;</li>
 *   <li>{@code cutout}: a square of half the side, centred anywhere, set to zero.</li>
 * </ul>
 * The random values are drawn in Java and fed, one draw per image per view per step, from a generator seeded by the
 * run's seed and the step, so a run (and a resumed run) is reproducible. A translation is two batched products with
 * one-hot shift matrices (rows, then columns): exact integer shifts with zero fill, built only from ops whose
 * gradients of gradients TensorFlow's C API has, which R1 on augmented images needs.
 */
final class DiffAugment {
    private static final double TRANSLATION = 0.125;
    private static final double CUTOUT = 0.5;

    private final Ops tf;
    private final List<String> kinds;
    private final int size;
    private final int channels;
    private final List<View> views = new ArrayList<>();
    /** The view each augmented output was made with, for {@link #applyLike}. */
    private final Map<Operand<TFloat32>, View> viewOf = new IdentityHashMap<>();

    /** One call's inputs; the placeholders of augmentations that are off are null. */
    private record View(
            Placeholder<TFloat32> brightness,
            Placeholder<TFloat32> saturation,
            Placeholder<TFloat32> contrast,
            Placeholder<TFloat32> rowShift,
            Placeholder<TFloat32> columnShift,
            Placeholder<TFloat32> cutout) {}

    /** Augmentations {@code kinds} (of {@code color}, {@code translation}, {@code cutout}) of S x S x C images. */
    DiffAugment(Ops tf, List<String> kinds, int size, int channels) {
        this.tf = tf;
        this.kinds = List.copyOf(kinds);
        this.size = size;
        this.channels = channels;
    }

    boolean isOff() {
        return kinds.isEmpty();
    }

    /** {@code x} ([N, S, S, C]) augmented with random values of its own (a new view). */
    Operand<TFloat32> apply(Operand<TFloat32> x) {
        if (isOff()) {
            return x;
        }
        String p = "augment" + views.size() + "_";
        boolean color = kinds.contains("color");
        boolean translation = kinds.contains("translation");
        View v = new View(
                color ? input(p + "brightness", -1, 1, 1, 1) : null,
                color ? input(p + "saturation", -1, 1, 1, 1) : null,
                color ? input(p + "contrast", -1, 1, 1, 1) : null,
                translation ? input(p + "row_shift", -1, size, size) : null,
                translation ? input(p + "column_shift", -1, size, size) : null,
                kinds.contains("cutout") ? input(p + "cutout", -1, size, size, 1) : null);
        views.add(v);
        Operand<TFloat32> y = apply(x, v);
        viewOf.put(y, v);
        return y;
    }

    /**
     * {@code x} augmented with the same random values as {@code augmented}, an output of {@link #apply} on a batch of
     * the same size: a paired view, for comparing two batches image by image as D sees them.
     */
    Operand<TFloat32> applyLike(Operand<TFloat32> x, Operand<TFloat32> augmented) {
        if (isOff()) {
            return x;
        }
        View v = viewOf.get(augmented);
        if (v == null) {
            throw new IllegalArgumentException("not an augmented output of this DiffAugment");
        }
        return apply(x, v);
    }

    private Operand<TFloat32> apply(Operand<TFloat32> x, View v) {
        boolean color = v.brightness() != null;
        boolean translation = v.rowShift() != null;
        Operand<TFloat32> y = x;
        if (color) {
            y = tf.math.add(y, v.brightness());
            Operand<TFloat32> pixelMean = tf.math.mean(y, tf.constant(3), Mean.keepDims(true));
            y = tf.math.add(tf.math.mul(tf.math.sub(y, pixelMean), v.saturation()), pixelMean);
            Operand<TFloat32> imageMean = tf.math.mean(y, tf.constant(new int[] {1, 2, 3}), Mean.keepDims(true));
            y = tf.math.add(tf.math.mul(tf.math.sub(y, imageMean), v.contrast()), imageMean);
        }
        if (translation) {
            y = shiftRows(y, v.rowShift());
            var perm = tf.constant(new int[] {0, 2, 1, 3});
            y = tf.linalg.transpose(shiftRows(tf.linalg.transpose(y, perm), v.columnShift()), perm);
        }
        if (v.cutout() != null) {
            y = tf.math.mul(y, v.cutout());
        }
        return y;
    }

    /** Row i of each image becomes row i + d of the input (zero outside): a [S, S] one-hot matrix times the image. */
    private Operand<TFloat32> shiftRows(Operand<TFloat32> x, Operand<TFloat32> shift) {
        Operand<TFloat32> rows = tf.reshape(x, tf.constant(new int[] {-1, size, size * channels}));
        Operand<TFloat32> moved = tf.train.batchMatMul(shift, rows, TFloat32.class);
        return tf.reshape(moved, tf.constant(new int[] {-1, size, size, channels}));
    }

    private Placeholder<TFloat32> input(String name, long... shape) {
        return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
    }

    /** Feeds every view's random values for a batch of {@code n}; the fed tensors go into {@code fed} to be closed. */
    void feed(Session.Runner runner, int n, Random random, List<TFloat32> fed) {
        for (View v : views) {
            if (v.brightness() != null) {
                runner.feed(v.brightness(), track(fed, Tensors.of(uniform(random, n, -0.5, 0.5), n, 1, 1, 1)));
                runner.feed(v.saturation(), track(fed, Tensors.of(uniform(random, n, 0, 2), n, 1, 1, 1)));
                runner.feed(v.contrast(), track(fed, Tensors.of(uniform(random, n, 0.5, 1.5), n, 1, 1, 1)));
            }
            if (v.rowShift() != null) {
                int max = (int) (size * TRANSLATION);
                runner.feed(v.rowShift(), track(fed, Tensors.of(shifts(random, n, max), n, size, size)));
                runner.feed(v.columnShift(), track(fed, Tensors.of(shifts(random, n, max), n, size, size)));
            }
            if (v.cutout() != null) {
                runner.feed(v.cutout(), track(fed, Tensors.of(cutouts(random, n), n, size, size, 1)));
            }
        }
    }

    private static float[] uniform(Random r, int n, double low, double high) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (low + (high - low) * r.nextDouble());
        }
        return out;
    }

    /** One-hot shift matrices, one per image: entry (i, i + d) is 1 for a shift d in [-max, max]. */
    private float[] shifts(Random r, int n, int max) {
        float[] out = new float[n * size * size];
        for (int b = 0; b < n; b++) {
            int d = r.nextInt(2 * max + 1) - max;
            for (int i = 0; i < size; i++) {
                int from = i + d;
                if (from >= 0 && from < size) {
                    out[(b * size + i) * size + from] = 1f;
                }
            }
        }
        return out;
    }

    /** Masks of ones with a zero square of half the side, centred uniformly over the image (clipped at its edges). */
    private float[] cutouts(Random r, int n) {
        int side = (int) (size * CUTOUT);
        float[] out = new float[n * size * size];
        Arrays.fill(out, 1f);
        for (int b = 0; b < n; b++) {
            int cy = r.nextInt(size + 1 - side % 2);
            int cx = r.nextInt(size + 1 - side % 2);
            for (int y = Math.max(0, cy - side / 2); y < Math.min(size, cy + side - side / 2); y++) {
                for (int x = Math.max(0, cx - side / 2); x < Math.min(size, cx + side - side / 2); x++) {
                    out[(b * size + y) * size + x] = 0f;
                }
            }
        }
        return out;
    }

    private static TFloat32 track(List<TFloat32> list, TFloat32 t) {
        list.add(t);
        return t;
    }
}
