package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ModelRole;

/**
 * A generator saved with Keras 3's plain {@code model.export()} (no exporter of ours) opens with a hand-written
 * manifest whose {@code roles} maps {@code serving_default} and Keras's tensor names onto ours, and renders what
 * Keras renders.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES) // the first run may build the venv
class KerasModelExportTest {
    @TempDir
    Path tmp;

    @Test
    void aModelExportBundleOpensThroughItsRolesMappingAlone() throws Exception {
        Path root = PythonVenv.repoRoot();
        Path logs = root.resolve("target/keras-export-test");
        Path python = PythonVenv.ensure(logs);
        Path bundle = tmp.resolve("keras-model-export");
        Path reference = tmp.resolve("reference");
        Path log = logs.resolve("keras_model_export.log");
        int code = PythonVenv.run(
                List.of(
                        python.toString(),
                        "src/test/python/keras_model_export.py",
                        bundle.toString(),
                        reference.toString()),
                Map.of("PYTHONDONTWRITEBYTECODE", "1"),
                logs.resolve("keras_model_export.out"),
                log,
                Duration.ofMinutes(10),
                "The venv's Python " + python + " could not be started.");
        assertEquals(0, code, () -> "keras_model_export.py failed. Log: " + log + "\n" + PythonVenv.tail(log));
        assertEquals(
                "z_in output_0",
                Files.readString(reference.resolve("names.txt")).trim(),
                "Keras 3 names the signature's tensors as the issue describes");

        try (GanModel model = new DjlModelLoader().load(bundle)) {
            assertTrue(model.supports(ModelRole.GENERATE));
            assertFalse(model.supports(ModelRole.ENCODE));
            assertFalse(model.supports(ModelRole.DISCRIMINATE));
            NpyArray z = NpyArray.read(reference.resolve("z.npy"));
            ImageBatch images = model.generate(new FloatMatrix(z.shape()[0], z.shape()[1], z.data()));
            float[] expected = NpyArray.read(reference.resolve("image.npy")).data();
            assertEquals(expected.length, images.data().length);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], images.data()[i], 1e-4, "pixel " + i);
            }
        }
    }
}
