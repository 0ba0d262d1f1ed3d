package org.latentlens.tensorflow.graph;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How our TensorFlow sessions are configured. Grappler's remapper is off unless {@code -Dlatentlens.tf.remapper=on}:
 * on every graph that holds a gradient (training, saliency) it fails with "remapper failed: INVALID_ARGUMENT ...
 * LeakyReluGrad", printed as an error although results are right, and switching it off was measured not to slow
 * inference or training (docs/performance.md).
 */
public final class SessionOptions {
    private SessionOptions() {}

    /** The session configuration for loading bundles and for training. */
    public static ConfigProto config() {
        return config(0, 0);
    }

    /**
     * The configuration with {@code intraOp} and {@code interOp} threads (0: TensorFlow's default, one per core).
     * TensorFlow keeps one intra-op pool per process, sized by the first session that starts it: in {@code
     * latent-lens train} that is the training session; in a process that ran a model before, {@code intraOp} may not
     * take effect. The inter-op pool is made per session when a count is given.
     */
    public static ConfigProto config(int intraOp, int interOp) {
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (intraOp > 0) {
            config.setIntraOpParallelismThreads(intraOp);
        }
        if (interOp > 0) {
            config.setInterOpParallelismThreads(interOp).setUsePerSessionThreads(true);
        }
        if (!"on".equals(System.getProperty("latentlens.tf.remapper"))) {
            config.setGraphOptions(GraphOptions.newBuilder()
                    .setRewriteOptions(RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF)));
        }
        return config.build();
    }
}
