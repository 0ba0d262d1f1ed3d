package org.latentlens.tensorflow.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * The minibatch standard deviation feature (Karras et al., ProGAN): D's 4x4 feature maps get one more map holding
 * how much the batch varies, the standard deviation of every feature over the batch averaged into one number, so D
 * can see a generator that draws too little variety. In training the number is the batch's own. A batch of one
 * image has none, and an exported D that scored a face differently depending on what else is in its batch could
 * not be calibrated or used on one photo; so training also keeps a moving average of the value on real batches
 * ({@link #RUNNING}, exported with D's weights), and the exported D reads that constant: at any batch size it
 * scores an image as it would inside a typical real batch.
 */
final class MinibatchStd {
    /** The group of D's statistics: not trained by gradients, exported with D. */
    static final String GROUP = "Dstats";
    /** The moving average of the feature on real batches. */
    static final String RUNNING = GROUP + ".mbstd";
    /** Largest decay of {@link #RUNNING}'s moving average: it follows D's features as they train. */
    static final double DECAY = 0.99;

    private MinibatchStd() {}

    /**
     * The batch's value, shape [1]. The square root is written as exp(½·log): TensorFlow's C API has no second
     * derivative for {@code Sqrt} ({@code SqrtGrad} has no gradient), which R1 needs, and {@code Pow}'s gradient does
     * integer shape arithmetic that oneDNN logs an error line for.
     */
    static Operand<TFloat32> batchValue(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> mean = tf.math.mean(x, tf.constant(0), Mean.keepDims(true));
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(tf.math.sub(x, mean)), tf.constant(0));
        Operand<TFloat32> std =
                tf.math.exp(tf.math.mul(tf.math.log(tf.math.add(variance, tf.constant(1e-8f))), tf.constant(0.5f)));
        return tf.reshape(
                tf.math.mean(tf.reshape(std, tf.constant(new int[] {-1})), tf.constant(0)), tf.constant(new int[] {1}));
    }

    /**
     * A [N, H, W, 1] map of {@code value} (shape [1]) for features {@code x} of shape [N, H, W, C]. Broadcast to the
     * shape of one channel of {@code x}: no integer arithmetic on shapes, which oneDNN logs an error for.
     */
    static Operand<TFloat32> map(Ops tf, Operand<TFloat32> x, Operand<TFloat32> value) {
        Operand<TFloat32> oneChannel =
                tf.slice(x, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {-1, -1, -1, 1}));
        return tf.broadcastTo(tf.reshape(value, tf.constant(new int[] {1, 1, 1, 1})), tf.shape(oneChannel));
    }

    /** The moving average's decay at step {@code t} (1-based): warmed up like the generator's average. */
    static float decay(long t) {
        return (float) Math.min(DECAY, (1.0 + t) / (10.0 + t));
    }
}
