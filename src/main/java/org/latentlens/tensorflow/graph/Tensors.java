package org.latentlens.tensorflow.graph;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Moves float arrays in and out of TF Java tensors. */
public final class Tensors {
    private Tensors() {}

    /** A new float tensor holding a copy of {@code data}; the caller closes it. */
    public static TFloat32 of(float[] data, long... shape) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
    }

    /** A scalar float tensor; the caller closes it. */
    public static TFloat32 scalar(float value) {
        return TFloat32.scalarOf(value);
    }

    /** Copies a float tensor's values out. */
    public static float[] toArray(Tensor tensor) {
        TFloat32 t = (TFloat32) tensor;
        float[] out = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    /** The single value of a scalar (or one-element) float tensor. */
    public static float scalarValue(Tensor tensor) {
        return toArray(tensor)[0];
    }
}
