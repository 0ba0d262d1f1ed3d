package org.latentlens.tensorflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelManifest;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** A SavedModel with a generate signature only, as an incomplete Python export might look. */
final class GenerateOnlyBundle {
  private GenerateOnlyBundle() {}

  static void write(Path dir) throws Exception {
    TensorFlowRuntime.ensureStarted();
    Files.createDirectories(dir);
    int latent = TinyBundles.ATTRIBUTES.size() + TinyBundles.FREE;
    int size = TinyBundles.SIZE;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> z = tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, latent)));
      var w = tf.constant(new float[latent][size * size * 3]);
      var image = tf.math.tanh(tf.reshape(tf.linalg.matMul(z, w), tf.constant(new int[] {-1, size, size, 3})));
      SavedModelBundle.exporter(dir.resolve("saved_model").toString()).withSession(s)
          .withSignature(Signature.builder().key("generate").input("z", z).output("image", image).build())
          .export();
    }
    ManifestJson.write(new ModelManifest(1, "generate-only", "", ImageSpec.rgbSquare(size),
        LatentLayout.of(TinyBundles.ATTRIBUTES, TinyBundles.FREE, 1.5f, 3f), TinyBundles.ATTRIBUTES,
        List.of("generate"), null, Map.of()), dir);
  }
}
