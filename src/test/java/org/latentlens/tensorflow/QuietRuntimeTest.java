package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FloatMatrix;

/**
 * Running saliency used to print TensorFlow's "remapper failed: INVALID_ARGUMENT" on every load. TensorFlow
 * writes it from native code, so a child JVM's stderr is read; with the remapper switched back on the message
 * appears, which shows the test can see it (on CPUs where TensorFlow tries the fusion that fails; elsewhere the
 * test is skipped after checking that the app's setting prints nothing).
 */
class QuietRuntimeTest {
    @TempDir
    Path tmp;

    private static String saliencyStderr(Path bundle, String remapper) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-Dlatentlens.tf.remapper=" + remapper,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SaliencyOnce.class.getName(),
                        bundle.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return err;
    }

    @Test
    void saliencyRunsWithoutTheRemapperError() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 3);
        String err = saliencyStderr(bundle, "off");
        assertFalse(err.contains("remapper failed"), err);
        // The error comes from a oneDNN fusion that TensorFlow tries only on some CPUs (seen on AVX-512 machines, not
        // on
        // an AVX2-only Zen 3): where the remapper does not fail, there is nothing for the setting to hide.
        Assumptions.assumeTrue(
                saliencyStderr(bundle, "on").contains("remapper failed"),
                "this CPU does not hit the remapper error, so switching the remapper off cannot be shown to matter here");
    }

    /** Loads a bundle and computes one saliency map. */
    public static final class SaliencyOnce {
        public static void main(String[] args) throws Exception {
            try (var model = new DjlModelLoader().load(Path.of(args[0]))) {
                var images = model.generate(
                        FloatMatrix.ofRow(model.manifest().latent().defaults()));
                model.saliency(images);
            }
            System.exit(0);
        }
    }
}
