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
    ConfigProto.Builder config = ConfigProto.newBuilder();
    if (!"on".equals(System.getProperty("latentlens.tf.remapper"))) {
      config.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
          RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF)));
    }
    return config.build();
  }
}
