package org.latentlens.tensorflow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.tensorflow.engine.TfNDArray;
import ai.djl.tensorflow.engine.javacpp.JavacppUtils;
import org.bytedeco.javacpp.FloatPointer;
import org.tensorflow.internal.c_api.TF_Tensor;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * Reads float outputs with one copy. DJL's {@code toFloatArray} copies a tensor into a new heap {@code ByteBuffer}
 * and that into the {@code float[]}: two copies and a fresh buffer per call (48 KB for one 64 px image, 3 MB for a
 * batch of 64). Here the float[] is filled straight from TensorFlow's memory, as TensorFlow Java itself does
 * (measured in {@code latent-lens bench --peers}, docs/performance.md).
 */
final class OutputTensors {
    private OutputTensors() {}

    /** The values of {@code array}, row-major. */
    static float[] toFloats(NDArray array) {
        if (!(array instanceof TfNDArray t) || array.getDataType() != DataType.FLOAT32) {
            return array.toFloatArray();
        }
        TF_Tensor tensor = JavacppUtils.resolveTFETensor(t.getHandle());
        try {
            float[] out = new float[Math.toIntExact(tensorflow.TF_TensorByteSize(tensor) / Float.BYTES)];
            try (FloatPointer data = new FloatPointer(tensorflow.TF_TensorData(tensor))) {
                data.capacity(out.length).get(out);
            }
            return out;
        } finally {
            tensor.close();
        }
    }
}
