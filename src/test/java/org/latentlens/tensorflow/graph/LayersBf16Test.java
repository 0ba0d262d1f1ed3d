package org.latentlens.tensorflow.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentlens.tensorflow.TensorFlowRuntime;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A BF16 convolution gives the float32 result to bfloat16's precision, the 3-channel image layer included, at the
 * batch and size where TensorFlow 2.16.1's oneDNN BF16 kernel goes wrong for 3 input channels (relative error 0.46 on
 * an avx512_bf16 CPU): the layer must keep that convolution in float32.
 */
class LayersBf16Test {
    private static final int BATCH = 8;
    private static final int SIZE = 32;

    /** Relative RMS difference between the float32 and the BF16 layer on the same input and weights. */
    private static double relativeError(int in, int out) {
        TensorFlowRuntime.ensureStarted();
        float[][] results = new float[2][];
        float[] x = new float[BATCH * SIZE * SIZE * in];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int mode = 0; mode < 2; mode++) {
            try (Graph g = new Graph();
                    Session s = new Session(g)) {
                Ops tf = Ops.create(g);
                ParameterSet params = new ParameterSet(tf);
                Layers layers = new Layers(tf, params, "L", mode == 1);
                Operand<TFloat32> input = tf.constant(Shape.of(BATCH, SIZE, SIZE, in), DataBuffers.of(x));
                Operand<TFloat32> y = layers.conv("c", input, 3, 1, in, out, false);
                params.initialize(s, 5);
                try (TFloat32 t = (TFloat32) s.runner().fetch(y).run().get(0)) {
                    float[] v = new float[(int) t.size()];
                    t.copyTo(DataBuffers.of(v, false, false));
                    results[mode] = v;
                }
            }
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < results[0].length; i++) {
            double d = results[0][i] - results[1][i];
            num += d * d;
            den += results[0][i] * (double) results[0][i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void theImageLayerAndTheWiderLayersMatchFloat32ToBfloat16Precision() {
        double image = relativeError(3, 16);
        assertTrue(image < 0.02, "3 -> 16 channels, relative error " + image);
        double wide = relativeError(16, 16);
        assertTrue(wide < 0.02, "16 -> 16 channels, relative error " + wide);
        assertTrue(wide > 0, "the 16-channel layer really multiplied in bfloat16");
    }
}
