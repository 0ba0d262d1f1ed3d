package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.Discrimination;
import org.latentlens.core.model.Encoding;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.SaliencyMaps;

/**
 * The Keras 3 route of docs/model-format.md end to end: the example {@code src/main/python/examples/tiny_keras_gan.py}
 * exports a bundle with the pinned TensorFlow/Keras (a venv built on first use, see {@link PythonVenv}), and Latent
 * Lens opens it and runs every signature, getting what Keras itself computed for the same inputs.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES) // the first run builds the venv: a few minutes, more on a slow network
class KerasExportTest {
    /** Largest difference allowed between Latent Lens's results (TF 2.16) and Keras's own (TF 2.21). */
    private static final float TOLERANCE = 1e-3f;

    private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path tmp;

    @Test
    void aBundleExportedFromKeras3RunsInOurRuntimeAndMatchesKeras() throws Exception {
        Path root = PythonVenv.repoRoot();
        Path logs = root.resolve("target/keras-export-test");
        long start = System.nanoTime();
        Path python = PythonVenv.ensure(logs);
        long venvReady = System.nanoTime();

        Path bundle = tmp.resolve("tiny-keras");
        Path reference = tmp.resolve("reference");
        Path log = logs.resolve("tiny_keras_gan.log");
        int code = PythonVenv.run(
                List.of(
                        python.toString(),
                        "src/main/python/examples/tiny_keras_gan.py",
                        bundle.toString(),
                        "--reference",
                        reference.toString()),
                Map.of("PYTHONPATH", root.resolve("src/main/python").toString(), "PYTHONDONTWRITEBYTECODE", "1"),
                logs.resolve("tiny_keras_gan.out"),
                log,
                EXPORT_TIMEOUT,
                "The venv's Python " + python + " could not be started; delete its folder to rebuild it.");
        assertEquals(0, code, () -> "tiny_keras_gan.py failed. Log: " + log + "\n" + PythonVenv.tail(log));
        long exported = System.nanoTime();
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(
                    List.of("reference", "tiny-keras"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the export leaves no staging folder behind");
        }

        try (GanModel model = new DjlModelLoader().load(bundle)) {
            ModelManifest manifest = model.manifest();
            assertEquals("tiny-keras-gan", manifest.name());
            assertEquals(List.of("Smiling", "Eyeglasses"), manifest.attributes());
            assertEquals(
                    List.of("Smiling", "Eyeglasses", "free_0", "free_1", "free_2"),
                    manifest.latent().dimensions().stream().map(d -> d.name()).toList());
            assertEquals(List.of("generate", "encode", "discriminate", "saliency"), manifest.signatures());
            var spec = manifest.image();
            assertEquals(
                    List.of(16, 16, 3, -1f, 1f),
                    List.of(spec.width(), spec.height(), spec.channels(), spec.minValue(), spec.maxValue()));

            NpyArray z = NpyArray.read(reference.resolve("z.npy"));
            int n = z.shape()[0];
            int d = manifest.latent().size();
            assertArrayEquals(new int[] {n, d}, z.shape());

            ImageBatch images = model.generate(new FloatMatrix(n, d, z.data()));
            assertEquals(
                    List.of(n, 16, 16, 3), List.of(images.count(), images.height(), images.width(), images.channels()));
            for (float v : images.data()) {
                assertTrue(
                        Float.isFinite(v) && v >= spec.minValue() && v <= spec.maxValue(),
                        "generated pixel " + v + " lies outside the declared range");
            }
            NpyArray kerasImage = NpyArray.read(reference.resolve("image.npy"));
            assertClose("generate: image", kerasImage, images.data());

            // The other signatures get Keras's own images, so each comparison starts from identical inputs.
            ImageBatch input = new ImageBatch(n, 16, 16, 3, kerasImage.data());
            Encoding encoding = model.encode(input);
            assertEquals(
                    List.of(n, d),
                    List.of(encoding.latent().rows(), encoding.latent().cols()));
            assertEquals(
                    List.of(n, 2),
                    List.of(
                            encoding.attributeLogits().rows(),
                            encoding.attributeLogits().cols()));
            assertClose(
                    "encode: latent",
                    NpyArray.read(reference.resolve("latent.npy")),
                    encoding.latent().data());
            assertClose(
                    "encode: attributes",
                    NpyArray.read(reference.resolve("encode_attributes.npy")),
                    encoding.attributeLogits().data());

            Discrimination discrimination = model.discriminate(input);
            assertEquals(n, discrimination.realism().length);
            assertEquals(2, discrimination.attributeLogits().cols());
            assertClose(
                    "discriminate: realism", NpyArray.read(reference.resolve("realism.npy")), discrimination.realism());
            assertClose(
                    "discriminate: attributes",
                    NpyArray.read(reference.resolve("discriminate_attributes.npy")),
                    discrimination.attributeLogits().data());

            assertTrue(model.hasSaliency());
            SaliencyMaps maps = model.saliency(input);
            assertEquals(List.of(n, 16, 16), List.of(maps.count(), maps.height(), maps.width()));
            for (float v : maps.data()) {
                assertTrue(Float.isFinite(v) && v >= 0f, "saliency " + v + " is not a non-negative number");
            }
            assertClose("saliency", NpyArray.read(reference.resolve("saliency.npy")), maps.data());
        }
        System.out.printf(
                "KerasExportTest: venv ready in %.1f s, export in %.1f s, checks in %.1f s%n",
                (venvReady - start) / 1e9, (exported - venvReady) / 1e9, (System.nanoTime() - exported) / 1e9);
    }

    /**
     * All values finite and within {@link #TOLERANCE} of Keras's (relative for values above 1); prints the largest
     * difference.
     */
    private static void assertClose(String what, NpyArray expected, float[] actual) {
        assertEquals(expected.data().length, actual.length, what + ": number of values");
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            assertTrue(Float.isFinite(actual[i]), what + ": value " + i + " is " + actual[i]);
            double scale = Math.max(1.0, Math.abs(expected.data()[i]));
            worst = Math.max(worst, Math.abs(actual[i] - expected.data()[i]) / scale);
        }
        assertTrue(worst < TOLERANCE, what + " differs from what Keras computed by up to " + worst);
        System.out.printf("KerasExportTest: %s matches Keras within %.2g%n", what, worst);
    }
}
