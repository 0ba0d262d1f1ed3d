package org.latentlens.tensorflow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Creates float input tensors without leaving memory behind outside the Java heap.
 *
 * <p>DJL turns a {@code float[]} into a tensor through a new direct buffer per call, whose memory is freed only
 * after a garbage collection. Such buffers hardly count against the Java heap, so nothing makes the JVM collect
 * them soon, and they piled up to gigabytes of resident memory (3.9 GB after {@code latent-lens bench --repeats
 * 1000} with {@code -Xmx6g}; docs/reliability.md). TensorFlow copies a direct buffer into its own tensor, so each
 * thread reuses one buffer instead.
 */
final class InputTensors {
    /** Inputs up to this size reuse their thread's buffer (65 images of 128 px fit); larger ones get their own. */
    static final int REUSE_LIMIT_BYTES = 16 << 20;

    private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();

    private InputTensors() {}

    /** A float32 tensor of {@code shape} holding a copy of {@code values}, owned by {@code manager}. */
    static NDArray create(NDManager manager, float[] values, Shape shape) {
        int bytes = Math.multiplyExact(values.length, Float.BYTES);
        ByteBuffer buffer = bytes <= REUSE_LIMIT_BYTES ? scratch(bytes) : direct(bytes);
        buffer.clear().limit(bytes);
        buffer.asFloatBuffer().put(values);
        return manager.create(buffer, shape, DataType.FLOAT32);
    }

    /** This thread's buffer, grown to at least {@code bytes}. */
    private static ByteBuffer scratch(int bytes) {
        ByteBuffer buffer = SCRATCH.get();
        if (buffer == null || buffer.capacity() < bytes) {
            // Powers of two: a thread whose inputs grow a little at a time reallocates only a few times.
            buffer = direct(Math.min(REUSE_LIMIT_BYTES, Integer.highestOneBit(Math.max(bytes - 1, 1)) << 1));
            SCRATCH.set(buffer);
        }
        return buffer;
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
