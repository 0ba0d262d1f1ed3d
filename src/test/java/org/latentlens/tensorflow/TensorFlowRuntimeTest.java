package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFlowRuntimeTest {
    @TempDir
    static Path tmp;

    @Test
    void startsFromTheMavenNativesWithoutDownloading() {
        TensorFlowRuntime.RuntimeInfo info = TensorFlowRuntime.ensureStarted();

        assertEquals(TensorFlowRuntime.EXPECTED_VERSION, info.tensorflowVersion());
        assertEquals("2.16.1", Engine.getEngine("TensorFlow").getVersion());
        assertTrue(Files.isRegularFile(info.libraryFolder().resolve("libjnitensorflow.so")));
        // The natives come from the tensorflow-core-native jar (extracted by JavaCPP), not from DJL's
        // download cache, and DJL is told it is offline.
        assertTrue(
                info.libraryFolder().toString().contains("tensorflow-core-native"),
                info.libraryFolder().toString());
        assertFalse(info.libraryFolder().startsWith(Utils.getEngineCacheDir()));
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertSame(info, TensorFlowRuntime.ensureStarted(), "start-up happens once");
    }

    @Test
    void tensorFlowKeepsQuietUnlessTheUserAsksForItsLog() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 3);
        String quiet = loadInChildJvm(bundle, null);
        assertTrue(quiet.contains("TF_CPP_MIN_LOG_LEVEL=2"), quiet);
        assertFalse(quiet.contains(" I tensorflow/"), "no start-up chatter:\n" + quiet);
        String chatty = loadInChildJvm(bundle, "0");
        assertTrue(chatty.contains("TF_CPP_MIN_LOG_LEVEL=0"), "the user's own setting stands:\n" + chatty);
        assertTrue(chatty.contains(" I tensorflow/"), "which shows TensorFlow's information lines:\n" + chatty);
    }

    /** Output and errors of a child JVM that loads {@code bundle}, with {@code TF_CPP_MIN_LOG_LEVEL} as given. */
    private static String loadInChildJvm(Path bundle, String logLevel) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        QuietStartProcess.class.getName(),
                        bundle.toString())
                .redirectErrorStream(true);
        pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
        if (logLevel != null) {
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", logLevel);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM ended");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
