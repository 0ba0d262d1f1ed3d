package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.Discrimination;
import org.latentlens.core.model.Encoding;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.SaliencyMaps;

class DjlModelLoaderTest {
  @TempDir Path tmp;

  @Test
  void everySignatureRunsOnATinyRealSavedModel() throws Exception {
    Path dir = TinyBundles.write(tmp.resolve("tiny"), 7);
    try (GanModel model = new DjlModelLoader().load(dir)) {
      int d = model.manifest().latent().size();
      float[] z = new float[3 * d];
      Random r = new Random(1);
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) r.nextGaussian();
      }
      ImageBatch images = model.generate(new FloatMatrix(3, d, z));
      assertEquals(3, images.count());
      assertEquals(TinyBundles.SIZE, images.height());
      assertEquals(3, images.channels());
      for (float v : images.data()) {
        assertTrue(v >= -1f && v <= 1f, "tanh output stays in the manifest range");
      }
      assertTrue(differ(images.image(0), images.image(1)), "different codes give different images");

      Encoding enc = model.encode(images);
      assertEquals(3, enc.latent().rows());
      assertEquals(d, enc.latent().cols());
      assertEquals(2, enc.attributeLogits().cols());

      Discrimination dis = model.discriminate(images);
      assertEquals(3, dis.realism().length);
      assertEquals(2, dis.attributeLogits().cols());

      assertTrue(model.hasSaliency());
      SaliencyMaps maps = model.saliency(images);
      assertEquals(3, maps.count());
      assertEquals(TinyBundles.SIZE * TinyBundles.SIZE, maps.map(0).length);
      double total = 0;
      for (float v : maps.data()) {
        assertTrue(v >= 0f);
        total += v;
      }
      assertTrue(total > 0, "the realism score depends on the pixels");

      // Same input, same output: the loaded graph is deterministic.
      assertArrayEquals(images.data(), model.generate(new FloatMatrix(3, d, z)).data());
    }
  }

  private static boolean differ(float[] a, float[] b) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > 1e-4) {
        return true;
      }
    }
    return false;
  }
}
