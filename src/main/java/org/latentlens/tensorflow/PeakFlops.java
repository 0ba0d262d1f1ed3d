package org.latentlens.tensorflow;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * This machine's measured FP32 peak through TensorFlow: a large MatMul and a large Conv2D, each timed after
 * warm-up, reported as achieved GFLOPS. Every other figure of {@code latent-lens bench} is also given as a share
 * of these, so numbers from different machines (2 or 16 cores, with or without AVX-512) compare as ratios.
 */
public final class PeakFlops {
    private PeakFlops() {}

    /**
     * The peak figures.
     *
     * @param matMulGflops a 2048x2048 by 2048x2048 product
     * @param conv2dGflops a 3x3 convolution, batch 32, 64x64 pixels, 64 to 64 feature maps
     */
    public record Peak(double matMulGflops, double conv2dGflops) {
        /** The better of the two, the reference for shares of peak. */
        public double best() {
            return Math.max(matMulGflops, conv2dGflops);
        }
    }

    /** Measures both; takes a few seconds. */
    public static Peak measure() {
        return measure(false);
    }

    /**
     * The same two operations in bfloat16 (the input cast from FP32 inside the graph, a negligible O(n²) next to the
     * O(n³) product): what oneDNN's BF16 kernels reach on a CPU with {@code avx512_bf16} or AMX.
     */
    public static Peak measureBf16() {
        return measure(true);
    }

    private static Peak measure(boolean bf16) {
        TensorFlowRuntime.ensureStarted();
        int n = 2048;
        double matMul = gflops(2.0 * n * n * n, tf -> {
            Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
            if (bf16) {
                Operand<TBfloat16> a16 = tf.dtypes.cast(a, TBfloat16.class);
                return new Op(a, tf.linalg.matMul(a16, a16), Shape.of(n, n));
            }
            return new Op(a, tf.linalg.matMul(a, a), Shape.of(n, n));
        });
        int batch = 32;
        int size = 64;
        int ch = 64;
        double conv = gflops(2.0 * batch * size * size * 9 * ch * ch, tf -> {
            Placeholder<TFloat32> x =
                    tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, size, size, ch)));
            Operand<TFloat32> w = tf.constant(new float[3][3][ch][ch]);
            if (bf16) {
                return new Op(
                        x,
                        tf.nn.conv2d(
                                tf.dtypes.cast(x, TBfloat16.class),
                                tf.dtypes.cast(w, TBfloat16.class),
                                List.of(1L, 1L, 1L, 1L),
                                "SAME"),
                        Shape.of(batch, size, size, ch));
            }
            return new Op(x, tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME"), Shape.of(batch, size, size, ch));
        });
        return new Peak(matMul, conv);
    }

    private record Op(Placeholder<TFloat32> input, Operand<?> output, Shape inputShape) {}

    private static double gflops(double flops, Function<Ops, Op> build) {
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Op op = build.apply(Ops.create(g));
            try (TFloat32 input = TFloat32.tensorOf(op.inputShape())) {
                double[] seconds = new double[7];
                for (int i = -3; i < seconds.length; i++) {
                    long t0 = System.nanoTime();
                    s.runner().feed(op.input(), input).fetch(op.output()).run().close();
                    if (i >= 0) {
                        seconds[i] = (System.nanoTime() - t0) / 1e9;
                    }
                }
                Arrays.sort(seconds);
                return flops / seconds[seconds.length / 2] / 1e9;
            }
        }
    }
}
