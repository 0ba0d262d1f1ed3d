package org.latentlens.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.ModelLoaders;
import org.latentlens.core.model.Discrimination;
import org.latentlens.core.model.Encoding;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.SaliencyMaps;
import org.latentlens.core.model.UntrustedModelException;
import org.latentlens.tensorflow.NpyArray;
import org.latentlens.tensorflow.PythonVenv;

/**
 * ONNX bundles end to end: {@code src/test/python/make_tiny_onnx.py} writes tiny channels-first models with the
 * pinned {@code onnx} package (in the venv of {@link PythonVenv}) and the numbers numpy computes for them; Latent
 * Lens opens them through DJL's ONNX Runtime engine and must get the same numbers in its own NHWC layout.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES) // the first run builds the venv: a few minutes, more on a slow network
class OnnxBundleTest {
    /** Largest difference allowed between ONNX Runtime 1.21 (float32) and numpy (float64, rounded). */
    private static final float TOLERANCE = 1e-4f;

    private static final int H = 8;
    private static final int W = 12;

    @TempDir
    static Path made;

    @TempDir
    Path tmp;

    private static Path bundles;
    private static Path reference;
    private final ModelLoader loader = new OnnxModelLoader();

    @BeforeAll
    static void makeModels() throws Exception {
        Path logs = PythonVenv.repoRoot().resolve("target/onnx-bundle-test");
        Path python = PythonVenv.ensure(logs);
        bundles = made.resolve("bundles");
        reference = made.resolve("reference");
        Path log = logs.resolve("make_tiny_onnx.log");
        int code = PythonVenv.run(
                List.of(
                        python.toString(),
                        "src/test/python/make_tiny_onnx.py",
                        bundles.toString(),
                        "--reference",
                        reference.toString()),
                Map.of("PYTHONDONTWRITEBYTECODE", "1"),
                logs.resolve("make_tiny_onnx.out"),
                log,
                Duration.ofMinutes(5),
                "The venv's Python " + python + " could not be started; delete its folder to rebuild it.");
        assertEquals(0, code, () -> "make_tiny_onnx.py failed. Log: " + log + "\n" + PythonVenv.tail(log));
    }

    @Test
    void aChannelsFirstOnnxGanRunsEveryRoleAndMatchesNumpy() throws Exception {
        try (GanModel model = loader.load(bundles.resolve("tiny-onnx"))) {
            var spec = model.manifest().image();
            assertEquals(List.of(W, H, 3), List.of(spec.width(), spec.height(), spec.channels()));
            assertEquals("model.onnx", model.source(ModelRole.GENERATE));
            assertEquals("discriminator.onnx", model.source(ModelRole.DISCRIMINATE));

            NpyArray z = NpyArray.read(reference.resolve("z.npy"));
            int n = z.shape()[0];
            ImageBatch images = model.generate(new FloatMatrix(n, z.shape()[1], z.data()));
            assertEquals(
                    List.of(n, H, W, 3),
                    List.of(images.count(), images.height(), images.width(), images.channels()),
                    "NCHW output comes back as NHWC");
            // The reference is numpy's NCHW image transposed to NHWC: equal values in equal places prove the transpose.
            NpyArray expectedImage = NpyArray.read(reference.resolve("image.npy"));
            assertArrayEquals(new int[] {n, H, W, 3}, expectedImage.shape());
            assertClose("generate", expectedImage.data(), images.data());

            ImageBatch input = new ImageBatch(n, H, W, 3, expectedImage.data());
            Encoding encoding = model.encode(input);
            assertClose("encode latent", read("latent"), encoding.latent().data());
            assertClose(
                    "encode attributes",
                    read("encode_attributes"),
                    encoding.attributeLogits().data());

            Discrimination d = model.discriminate(input);
            assertEquals(n, d.realism().length);
            assertClose("discriminate realism", read("realism"), d.realism());
            assertClose(
                    "discriminate attributes",
                    read("discriminate_attributes"),
                    d.attributeLogits().data());

            assertTrue(model.hasSaliency());
            assertTrue(model.approximates(ModelRole.SALIENCY), "no saliency.onnx: occlusion from discriminate");
            SaliencyMaps maps = model.saliency(new ImageBatch(1, H, W, 3, input.image(0)));
            assertEquals(List.of(1, H, W), List.of(maps.count(), maps.height(), maps.width()));
            double total = 0;
            for (float v : maps.data()) {
                assertTrue(Float.isFinite(v) && v >= 0, "saliency " + v);
                total += v;
            }
            assertTrue(total > 0, "occluding pixels moves the realism score");
        }
    }

    @Test
    void aGeneratorAloneExplores() throws Exception {
        try (GanModel model = loader.load(bundles.resolve("tiny-onnx-generator-only"))) {
            assertTrue(model.supports(ModelRole.GENERATE));
            for (ModelRole role : List.of(ModelRole.ENCODE, ModelRole.DISCRIMINATE, ModelRole.SALIENCY)) {
                assertFalse(model.supports(role), role.key());
            }
            NpyArray z = NpyArray.read(reference.resolve("z.npy"));
            assertClose(
                    "generate",
                    read("image"),
                    model.generate(new FloatMatrix(z.shape()[0], z.shape()[1], z.data()))
                            .data());
            assertThrows(
                    UnsupportedOperationException.class,
                    () -> model.encode(new ImageBatch(1, H, W, 3, new float[H * W * 3])));
        }
    }

    @Test
    void customOperatorsAreRefusedUnlessTrustedAndThenOnnxRuntimeSaysWhy() throws Exception {
        Path bundle = bundles.resolve("tiny-onnx-custom-op");
        UntrustedModelException e = assertThrows(UntrustedModelException.class, () -> loader.load(bundle));
        List<OperationReport.Refusal> refused = e.report().refused();
        assertEquals(
                List.of("org.example.custom:Exfiltrate", "org.example.custom:Spy"),
                refused.stream().map(OperationReport.Refusal::operation).toList());
        assertEquals("in model.onnx", refused.get(0).location());
        assertEquals(
                "in discriminator.onnx, in subgraph 'then_branch' of node 'If' (If)",
                refused.get(1).location());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "Model 'tiny-onnx-custom-op' contains operator "
                                        + "'org.example.custom:Exfiltrate' (in model.onnx), which is not a standard ONNX operator"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--trust"), e.getMessage());
        assertEquals(e.report(), ModelLoaders.standard().scanOperations(bundle).orElseThrow());

        // Trusted, the check is skipped; ONNX Runtime has no such operator and refuses the file with a clear message.
        ModelBundleException trusted =
                assertThrows(ModelBundleException.class, () -> loader.load(bundle, LoadOptions.TRUSTED));
        assertFalse(trusted instanceof UntrustedModelException);
        assertTrue(
                trusted.getMessage().contains("could not load")
                        && trusted.getMessage().contains("model.onnx"),
                trusted.getMessage());
    }

    @Test
    void aChannelsFirstModelDeclaredChannelsLastIsRefusedWithTheFix() throws Exception {
        Path bundle = copy("tiny-onnx", "declared-nhwc");
        editManifest(bundle, "\"layout\": \"NCHW\"", "\"layout\": \"NHWC\"");
        ModelBundleException e = assertThrows(ModelBundleException.class, () -> loader.load(bundle));
        assertTrue(
                e.getMessage()
                        .contains("model.onnx (generate) output 'rgb' is [-1, 3, 8, 12] but manifest.json "
                                + "implies [-1, 8, 12, 3]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("set \"image\": {\"layout\": \"NCHW\"}"), e.getMessage());
    }

    @Test
    void wrongNamesAndMissingFilesSayWhatToWrite() throws Exception {
        Path unmapped = copy("tiny-onnx", "unmapped");
        editManifest(unmapped, "\"z\": \"latent_code\"", "\"z\": \"noise\"");
        ModelBundleException e = assertThrows(ModelBundleException.class, () -> loader.load(unmapped));
        assertTrue(
                e.getMessage().contains("has no input named 'noise' (it has ['latent_code' [-1, 5]])"), e.getMessage());
        assertTrue(e.getMessage().contains("\"inputs\": {\"z\": \"latent_code\"}"), e.getMessage());

        Path renamed = copy("tiny-onnx", "renamed");
        Files.move(renamed.resolve("model.onnx"), renamed.resolve("generator.onnx"));
        e = assertThrows(
                ModelBundleException.class, () -> ModelLoaders.standard().load(renamed));
        assertTrue(
                e.getMessage()
                        .contains("no model.onnx (the generator); it holds discriminator.onnx, encoder.onnx, "
                                + "generator.onnx"),
                e.getMessage());

        Path lost = copy("tiny-onnx", "lost-encoder");
        Files.delete(lost.resolve("encoder.onnx"));
        e = assertThrows(ModelBundleException.class, () -> loader.load(lost));
        assertTrue(e.getMessage().contains("promises encode, but"), e.getMessage());
    }

    @Test
    void aDamagedFileIsReportedBeforeOnnxRuntimeSeesIt() throws Exception {
        Path bundle = copy("tiny-onnx", "damaged");
        byte[] whole = Files.readAllBytes(bundle.resolve("encoder.onnx"));
        Files.write(bundle.resolve("encoder.onnx"), Arrays.copyOf(whole, whole.length / 2));
        ModelBundleException e = assertThrows(ModelBundleException.class, () -> loader.load(bundle));
        assertTrue(
                e.getMessage().startsWith("Latent Lens could not read " + bundle.resolve("encoder.onnx")),
                e.getMessage());
    }

    @Test
    void theStandardLoaderPicksTheEngineByWhatTheFolderHolds() throws Exception {
        ModelLoader standard = ModelLoaders.standard();
        try (GanModel model = standard.load(bundles.resolve("tiny-onnx"))) {
            assertInstanceOf(OnnxGanModel.class, model);
        }
        assertTrue(standard.scanOperations(bundles.resolve("tiny-onnx"))
                .orElseThrow()
                .allAllowed());

        Path both = copy("tiny-onnx", "both");
        Files.createDirectories(both.resolve("saved_model"));
        ModelBundleException e = assertThrows(ModelBundleException.class, () -> standard.load(both));
        assertTrue(e.getMessage().contains("holds a model for more than one engine"), e.getMessage());
    }

    private static float[] read(String name) throws IOException {
        return NpyArray.read(reference.resolve(name + ".npy")).data();
    }

    private Path copy(String bundle, String name) throws IOException {
        Path target = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(bundles.resolve(bundle))) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    private static void editManifest(Path bundle, String from, String to) throws IOException {
        Path manifest = bundle.resolve("manifest.json");
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), text);
        Files.writeString(manifest, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": number of values");
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            assertTrue(Float.isFinite(actual[i]), what + ": value " + i + " is " + actual[i]);
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1.0, Math.abs(expected[i])));
        }
        assertTrue(worst < TOLERANCE, what + " differs from numpy by up to " + worst);
    }
}
