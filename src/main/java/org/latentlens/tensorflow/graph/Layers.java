package org.latentlens.tensorflow.graph;

import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * Building blocks of the networks. Each block creates its variables in a {@link ParameterSet} under
 * a name prefix, so calling the same network twice shares its weights.
 */
final class Layers {
    private static final float LEAK = 0.2f;
    private static final float LRELU_GAIN = (float) Math.sqrt(2.0 / (1.0 + LEAK * LEAK));

    /** Input channels from which a convolution may compute in bfloat16 (see {@link #convolve}). */
    static final int MIN_BF16_INPUT_CHANNELS = 8;

    private final Ops tf;
    private final ParameterSet params;
    private final String group;
    private final boolean bf16;

    /**
     * Blocks whose variables go into {@code params} under {@code group}; with {@code bf16} their convolutions
     * multiply in bfloat16 (variables and everything else stay float32).
     */
    Layers(Ops tf, ParameterSet params, String group, boolean bf16) {
        this.tf = tf;
        this.params = params;
        this.group = group;
        this.bf16 = bf16;
    }

    /** Variable of {@code name}, created on first use, reused afterwards (weight sharing). */
    private Operand<TFloat32> weight(String name, ParameterSet.Init init, float std, long... shape) {
        String full = group + "." + name;
        for (ParameterSet.Entry e : params.entries(group)) {
            if (e.name().equals(full)) {
                return e.variable();
            }
        }
        return params.add(full, group, init, std, shape);
    }

    Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out, boolean activation) {
        float std = (activation ? LRELU_GAIN : 1f) / (float) Math.sqrt(in);
        Operand<TFloat32> w = weight(name + ".w", ParameterSet.Init.NORMAL, std, in, out);
        Operand<TFloat32> b = weight(name + ".b", ParameterSet.Init.ZEROS, 0f, out);
        Operand<TFloat32> y = tf.math.add(tf.linalg.matMul(x, w), b);
        return activation ? lrelu(y) : y;
    }

    /** A square convolution with SAME padding. */
    Operand<TFloat32> conv(
            String name, Operand<TFloat32> x, int kernel, int stride, int in, int out, boolean activation) {
        float std = (activation ? LRELU_GAIN : 1f) / (float) Math.sqrt((double) kernel * kernel * in);
        Operand<TFloat32> w = weight(name + ".w", ParameterSet.Init.NORMAL, std, kernel, kernel, in, out);
        Operand<TFloat32> b = weight(name + ".b", ParameterSet.Init.ZEROS, 0f, out);
        List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
        Operand<TFloat32> y = tf.nn.biasAdd(convolve(x, w, strides, in), b);
        return activation ? lrelu(y) : y;
    }

    /**
     * The convolution itself, in bfloat16 when asked and the layer reads at least {@link #MIN_BF16_INPUT_CHANNELS}
     * channels. Layers reading fewer (the 3-channel image layer) stay float32: TensorFlow 2.16.1's oneDNN BF16
     * convolution gives wrong results or NaN for 3 or 5 input channels at batch 8 and more (measured against float32
     * on an AMD CPU with avx512_bf16: relative error 0.46 at 3 channels, 0.003 from 8 channels up), and those layers
     * are a small share of the FLOPs anyway.
     */
    private Operand<TFloat32> convolve(Operand<TFloat32> x, Operand<TFloat32> w, List<Long> strides, int in) {
        if (!bf16 || in < MIN_BF16_INPUT_CHANNELS) {
            return tf.nn.conv2d(x, w, strides, "SAME");
        }
        Operand<TBfloat16> product =
                tf.nn.conv2d(tf.dtypes.cast(x, TBfloat16.class), tf.dtypes.cast(w, TBfloat16.class), strides, "SAME");
        return tf.dtypes.cast(product, TFloat32.class);
    }

    /** Nearest-neighbour 2x upsampling then a 3x3 convolution: no checkerboard artefacts. */
    Operand<TFloat32> upConv(String name, Operand<TFloat32> x, int newSize, int in, int out) {
        Operand<TFloat32> up = tf.image.resizeNearestNeighbor(x, tf.constant(new int[] {newSize, newSize}));
        return conv(name, up, 3, 1, in, out, true);
    }

    Operand<TFloat32> lrelu(Operand<TFloat32> x) {
        return tf.nn.leakyRelu(x, LeakyRelu.alpha(LEAK));
    }

    /** Normalises each pixel's feature vector to unit mean square (as in ProGAN); keeps G stable without batch norm. */
    Operand<TFloat32> pixelNorm(Operand<TFloat32> x) {
        Operand<TFloat32> meanSquare = tf.math.mean(tf.math.square(x), tf.constant(-1), Mean.keepDims(true));
        return tf.math.mul(x, tf.math.rsqrt(tf.math.add(meanSquare, tf.constant(1e-8f))));
    }

    /**
     * The image-reading trunk shared by E, D and the judge: a 3x3 convolution at full resolution, strided
     * 4x4 convolutions down to 4x4, then one dense layer of {@code arch.hiddenUnits()}.
     */
    Operand<TFloat32> trunk(GanArchitecture arch, Operand<TFloat32> images) {
        return trunk(arch, images, null);
    }

    /**
     * The trunk with {@code extraFeature} ([N, 4, 4, 1], may be null) appended to the 4x4 feature maps before the
     * dense layer, which then reads one more channel.
     */
    Operand<TFloat32> trunk(
            GanArchitecture arch,
            Operand<TFloat32> images,
            Function<Operand<TFloat32>, Operand<TFloat32>> extraFeature) {
        int size = arch.imageSize();
        Operand<TFloat32> x = conv("from_rgb", images, 3, 1, arch.channels(), arch.channelsAt(size), true);
        for (int level = 0; level < arch.levels(); level++) {
            int in = arch.channelsAt(size);
            size /= 2;
            x = conv("down" + level, x, 4, 2, in, arch.channelsAt(size), true);
        }
        int channels = arch.channelsAt(4);
        if (extraFeature != null) {
            x = tf.concat(List.of(x, extraFeature.apply(x)), tf.constant(3));
            channels++;
        }
        int flat = 16 * channels;
        return dense("fc", reshape(x, -1, flat), flat, arch.hiddenUnits(), true);
    }

    Operand<TFloat32> reshape(Operand<TFloat32> x, int... shape) {
        return tf.reshape(x, tf.constant(shape));
    }
}
