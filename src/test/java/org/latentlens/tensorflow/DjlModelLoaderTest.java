package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.Discrimination;
import org.latentlens.core.model.Encoding;
import org.latentlens.core.model.FeatureMaps;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.Frame;
import org.latentlens.core.model.FrameParts;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.SaliencyMaps;

class DjlModelLoaderTest {
    @TempDir
    Path tmp;

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

            // An image of another size is refused by name before TensorFlow sees it.
            int small = TinyBundles.SIZE / 2;
            ImageBatch wrong = new ImageBatch(1, small, small, 3, new float[small * small * 3]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.discriminate(wrong));
            assertEquals(
                    "images are " + small + "x" + small + "x3; the model takes " + TinyBundles.SIZE + "x"
                            + TinyBundles.SIZE + "x3",
                    e.getMessage());

            // Same input, same output: the loaded graph is deterministic.
            assertArrayEquals(
                    images.data(), model.generate(new FloatMatrix(3, d, z)).data());
        }
    }

    @Test
    void theGeneratorsFeatureMapsComeOneLevelPerResolutionAndFollowTheCode() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("tiny"), 11);
        try (GanModel model = new DjlModelLoader().load(dir)) {
            assertTrue(model.hasActivations(), "our bundles export the generator's feature maps");
            int d = model.manifest().latent().size();
            float[] a = new float[d];
            float[] b = new float[d];
            Random r = new Random(5);
            for (int i = 0; i < d; i++) {
                a[i] = (float) r.nextGaussian();
                b[i] = (float) r.nextGaussian();
            }
            List<FeatureMaps> levels = model.activations(a);
            List<Integer> sizes = levels.stream().map(FeatureMaps::size).toList();
            int side = model.manifest().image().width();
            assertEquals(4, sizes.get(0), "coarsest first");
            assertEquals(side, sizes.get(sizes.size() - 1), "the last level is at the image's size");
            for (int i = 1; i < sizes.size(); i++) {
                assertEquals(2 * sizes.get(i - 1), sizes.get(i), "each level doubles the resolution: " + sizes);
            }
            assertArrayEquals(
                    levels.get(1).values(), model.activations(a).get(1).values(), "deterministic");
            assertFalse(
                    Arrays.equals(
                            levels.get(1).values(), model.activations(b).get(1).values()),
                    "another code, other maps");
        }
    }

    @Test
    void aFrameIsOneCombinedCallThatAgreesWithTheSeparateCalls() throws Exception {
        Path dir = TinyBundles.write(tmp.resolve("tiny"), 11);
        try (GanModel model = new DjlModelLoader().load(dir)) {
            assertTrue(((DjlGanModel) model).hasFrameSignatures(), "our bundles carry frame signatures");
            int d = model.manifest().latent().size();
            float[] z = new float[2 * d];
            Random r = new Random(3);
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) r.nextGaussian();
            }
            FloatMatrix codes = new FloatMatrix(2, d, z);
            for (FrameParts parts : List.of(
                    new FrameParts(true, false, false),
                    new FrameParts(true, true, false),
                    new FrameParts(true, true, true),
                    new FrameParts(true, false, true),
                    FrameParts.IMAGE_ONLY)) {
                Frame combined = model.frame(codes, parts);
                Frame separate = Frame.bySeparateCalls(model, codes, parts);
                assertClose(separate.images().data(), combined.images().data(), parts + " image");
                assertEquals(parts.encoder(), combined.encoderAttributeLogits() != null, parts.toString());
                assertEquals(parts.discriminator(), combined.discrimination() != null, parts.toString());
                assertEquals(parts.saliency(), combined.saliency() != null, parts.toString());
                if (parts.encoder()) {
                    assertClose(
                            separate.encoderAttributeLogits().data(),
                            combined.encoderAttributeLogits().data(),
                            parts + " encoder readout");
                }
                if (parts.discriminator()) {
                    assertClose(
                            separate.discrimination().realism(),
                            combined.discrimination().realism(),
                            parts + " realism");
                    assertClose(
                            separate.discrimination().attributeLogits().data(),
                            combined.discrimination().attributeLogits().data(),
                            parts + " judged attributes");
                }
                if (parts.saliency()) {
                    assertEquals(2, combined.saliency().count());
                    assertClose(separate.saliency().data(), combined.saliency().data(), parts + " saliency");
                }
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 + 1e-4 * Math.abs(expected[i]), what + " [" + i + "]");
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
