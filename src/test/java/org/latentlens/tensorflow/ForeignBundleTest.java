package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageLayout;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.ModelSelfCheck;
import org.latentlens.core.model.RoleBinding;
import org.latentlens.core.model.SaliencyMaps;

/** Models exported by other tools open through the manifest's roles, layout and range, or say how to fix them. */
class ForeignBundleTest {
    @TempDir
    Path tmp;

    private final DjlModelLoader loader = new DjlModelLoader();

    private static final Map<ModelRole, RoleBinding> KERAS_ROLES =
            Map.of(ModelRole.GENERATE, new RoleBinding("serving_default", Map.of("z", "z_in", "image", "output_0")));

    private String failure(Path dir) {
        return assertThrows(ModelBundleException.class, () -> loader.load(dir).close())
                .getMessage();
    }

    private static float pixel(ImageBatch images, int n, int y, int x, int c) {
        return images.image(n)[(y * images.width() + x) * images.channels() + c];
    }

    @Test
    void kerasExportWithoutRolesGetsTheManifestLinesThatFixIt() throws Exception {
        Path dir = ForeignBundles.write(
                tmp.resolve("k"), ForeignBundles.Spec.kerasExport(), Map.of(), ImageLayout.NHWC, -1, 1);
        String m = failure(dir);
        assertTrue(
                m.contains(
                        "\"roles\": {\"generate\": {\"signature\": \"serving_default\", \"inputs\": {\"z\": \"z_in\"},"
                                + " \"outputs\": {\"image\": \"output_0\"}}}"),
                m);
        assertFalse(m.contains("__saved_model_init_op"), m);
        assertFalse(m.contains("Re-export it with Latent Lens"), m);
    }

    @Test
    void generatorOnlyModelOpensThroughItsRolesAndSaysWhatItLacks() throws Exception {
        Path dir = ForeignBundles.write(
                tmp.resolve("k"), ForeignBundles.Spec.kerasExport(), KERAS_ROLES, ImageLayout.NHWC, -1, 1);
        try (GanModel model = loader.load(dir)) {
            assertTrue(model.supports(ModelRole.GENERATE));
            assertFalse(model.supports(ModelRole.ENCODE));
            assertFalse(model.supports(ModelRole.DISCRIMINATE));
            assertFalse(model.hasSaliency());
            ImageBatch images = model.generate(FloatMatrix.ofRow(new float[ForeignBundles.LATENT]));
            assertEquals((float) Math.tanh(ForeignBundles.pattern(1, 2, 5)), pixel(images, 0, 2, 5, 1), 1e-5);
            assertThrows(UnsupportedOperationException.class, () -> model.encode(images));
            assertThrows(UnsupportedOperationException.class, () -> model.discriminate(images));
        }
    }

    @Test
    void channelsFirstModelIsRefusedWithAFixThatWorks() throws Exception {
        var spec = new ForeignBundles.Spec("generate", "z", "image", ImageLayout.NCHW, false, false);
        Path dir = ForeignBundles.write(tmp.resolve("nchw"), spec, Map.of(), ImageLayout.NHWC, -1, 1);
        String m = failure(dir);
        assertTrue(m.contains("\"layout\": \"NCHW\""), m);

        ForeignBundles.write(tmp.resolve("nchw2"), spec, Map.of(), ImageLayout.NCHW, -1, 1);
        try (GanModel model = loader.load(tmp.resolve("nchw2"))) {
            ImageBatch images = model.generate(FloatMatrix.ofRow(new float[ForeignBundles.LATENT]));
            assertEquals(ForeignBundles.SIZE, images.height());
            assertEquals(3, images.channels());
            for (int c = 0; c < 3; c++) {
                assertEquals((float) Math.tanh(ForeignBundles.pattern(c, 6, 1)), pixel(images, 0, 6, 1, c), 1e-5);
            }
        }
    }

    @Test
    void generatorDeclaredZeroToOneButTanhIsCaught() throws Exception {
        var spec = new ForeignBundles.Spec("generate", "z", "image", ImageLayout.NHWC, false, false);
        Path dir = ForeignBundles.write(tmp.resolve("r"), spec, Map.of(), ImageLayout.NHWC, 0, 1);
        String m = failure(dir);
        assertTrue(m.contains("outside the declared image range [0.0, 1.0]") && m.contains("tanh"), m);
    }

    @Test
    void sigmoidGeneratorDeclaredMinusOneToOneIsWarnedAbout() throws Exception {
        var spec = new ForeignBundles.Spec("generate", "z", "image", ImageLayout.NHWC, true, false);
        Path dir = ForeignBundles.write(tmp.resolve("s"), spec, Map.of(), ImageLayout.NHWC, -1, 1);
        try (GanModel model = loader.load(dir)) {
            var report = ModelSelfCheck.run(model);
            assertTrue(report.problems().isEmpty(), report.toString());
            assertEquals(1, report.warnings().size(), report.toString());
            assertTrue(report.warnings().get(0).contains("the range should be [0, 1]"), report.toString());
        }
    }

    @Test
    void discriminatorWithoutSaliencyGetsAnOcclusionMapWhereItLooks() throws Exception {
        var spec = new ForeignBundles.Spec("serving_default", "z_in", "output_0", ImageLayout.NHWC, false, true);
        Map<ModelRole, RoleBinding> roles = Map.of(
                ModelRole.GENERATE,
                KERAS_ROLES.get(ModelRole.GENERATE),
                ModelRole.DISCRIMINATE,
                new RoleBinding("critic", Map.of("image", "images_in", "realism", "score")));
        Path dir = ForeignBundles.write(tmp.resolve("d"), spec, roles, ImageLayout.NHWC, -1, 1);
        try (GanModel model = loader.load(dir)) {
            assertTrue(model.supports(ModelRole.DISCRIMINATE));
            assertTrue(model.hasSaliency());
            assertTrue(model.approximates(ModelRole.SALIENCY));
            ImageBatch images = model.generate(FloatMatrix.ofRows(List.of(new float[3], new float[] {1, 1, 1})));
            assertEquals(2, model.discriminate(images).realism().length);
            assertEquals(0, model.discriminate(images).attributeLogits().cols());
            SaliencyMaps s = model.saliency(images);
            int n = ForeignBundles.SIZE;
            // The critic reads only the top-left quarter: occluding it moves the score, occluding elsewhere does not.
            assertTrue(s.map(0)[0] > 1e-4, "top-left saliency " + s.map(0)[0]);
            assertEquals(0f, s.map(0)[(n - 1) * n + (n - 1)], 1e-7f);
        }
    }
}
