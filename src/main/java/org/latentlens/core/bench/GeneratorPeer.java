package org.latentlens.core.bench;

import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.ImageBatch;

/**
 * Another way to run a bundle's generator, measured against ours by {@code latent-lens bench --peers}: a raw
 * TensorFlow session without DJL, or the same architecture as TorchScript in DJL's PyTorch engine. Engines stay behind
 * this interface, so the benchmark knows none of them.
 */
public interface GeneratorPeer extends AutoCloseable {
    /** A short label for tables ("TF Session (no DJL)"). */
    String name();

    /** Images [N, H, W, C] in the model's value range for latent codes [N, latentDims]. */
    ImageBatch generate(FloatMatrix z);

    /** Frees the native session or model. */
    @Override
    void close();
}
