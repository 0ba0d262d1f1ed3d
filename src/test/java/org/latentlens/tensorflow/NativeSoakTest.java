package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;

/** Thousands of calls must not grow native memory: every tensor has one owner and is freed. */
class NativeSoakTest {
    @TempDir
    Path tmp;

    private static long residentKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    /** Resident memory outside the Java heap. */
    private static long nativeKb() throws Exception {
        System.gc();
        return residentKb() - Runtime.getRuntime().totalMemory() / 1024;
    }

    @Test
    void repeatedInferenceDoesNotLeakNativeMemory() throws Exception {
        try (GanModel model = new DjlModelLoader().load(TinyBundles.write(tmp.resolve("m"), 4))) {
            int d = model.manifest().latent().size();
            float[] z = new float[256 * d];
            Random r = new Random(1);
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) r.nextGaussian();
            }
            FloatMatrix codes = new FloatMatrix(256, d, z);
            for (int i = 0; i < 100; i++) {
                model.encode(model.generate(codes));
            }
            long before = nativeKb();
            // Each round moves ~1.6 MB of tensors in and out; leaking them would add ~480 MB, far above the
            // JVM's own noise (code cache, metaspace, allocator arenas: up to ~150 MB late in a full test run).
            // The last samples' minimum ignores a passing spike of the C allocator's arenas.
            long lastMin = Long.MAX_VALUE;
            for (int i = 1; i <= 300; i++) {
                ImageBatch images = model.generate(codes);
                model.encode(images);
                model.discriminate(images);
                if (i > 200 && i % 50 == 0) {
                    lastMin = Math.min(lastMin, nativeKb());
                }
            }
            long grown = lastMin - before;
            assertTrue(grown < 200_000, "native memory grew by " + grown + " KB over 300 rounds");
        }
    }
}
