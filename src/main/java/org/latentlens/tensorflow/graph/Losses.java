package org.latentlens.tensorflow.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Numerically stable loss pieces, written with ops that have registered gradients in TF's C API. */
final class Losses {
    private final Ops tf;

    Losses(Ops tf) {
        this.tf = tf;
    }

    /** log(1 + e^x) as max(x, 0) + log1p(e^-|x|), stable for large |x|. */
    Operand<TFloat32> softplus(Operand<TFloat32> x) {
        return tf.math.add(
                tf.math.maximum(x, tf.constant(0f)), tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(x)))));
    }

    /** Mean over all elements. */
    Operand<TFloat32> mean(Operand<TFloat32> x) {
        return tf.math.mean(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
    }

    Operand<TFloat32> scale(double w, Operand<TFloat32> x) {
        return tf.math.mul(x, tf.constant((float) w));
    }

    @SafeVarargs
    final Operand<TFloat32> sum(Operand<TFloat32>... terms) {
        Operand<TFloat32> total = terms[0];
        for (int i = 1; i < terms.length; i++) {
            total = tf.math.add(total, terms[i]);
        }
        return total;
    }

    /** Binary cross-entropy with logits: softplus(x) - x * t, elementwise. */
    Operand<TFloat32> bce(Operand<TFloat32> logits, Operand<TFloat32> targets01) {
        return tf.math.sub(softplus(logits), tf.math.mul(logits, targets01));
    }

    /** BCE averaged over the entries where {@code mask} is 1 (0 when there are none). */
    Operand<TFloat32> maskedBce(Operand<TFloat32> logits, Operand<TFloat32> targets01, Operand<TFloat32> mask) {
        return maskedMean(bce(logits, targets01), mask);
    }

    /** Mean squared error of the first {@code s} columns against ±1 labels where known. */
    Operand<TFloat32> maskedMse(
            Operand<TFloat32> values, Operand<TFloat32> labels, Operand<TFloat32> mask, int s, int a) {
        Operand<TFloat32> l = first(labels, s, a);
        Operand<TFloat32> m = first(mask, s, a);
        return maskedMean(tf.math.square(tf.math.sub(values, l)), m);
    }

    /** BCE of the first {@code s} logit columns against {@code targets01} ([N, s]). */
    Operand<TFloat32> bceFirst(Operand<TFloat32> logits, Operand<TFloat32> targets01, int s, int a) {
        return mean(bce(first(logits, s, a), targets01));
    }

    private Operand<TFloat32> maskedMean(Operand<TFloat32> x, Operand<TFloat32> mask) {
        Operand<TFloat32> total =
                tf.reduceSum(tf.reshape(tf.math.mul(x, mask), tf.constant(new int[] {-1})), tf.constant(0));
        Operand<TFloat32> count = tf.reduceSum(tf.reshape(mask, tf.constant(new int[] {-1})), tf.constant(0));
        return tf.math.div(total, tf.math.maximum(count, tf.constant(1f)));
    }

    /** Columns 0..s-1 of an [N, a] matrix (all of it when s == a). */
    private Operand<TFloat32> first(Operand<TFloat32> x, int s, int a) {
        if (s == a) {
            return x;
        }
        return tf.slice(x, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, s}));
    }
}
