package org.latentlens.tensorflow;

import ai.djl.engine.Engine;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;

/**
 * Starts TensorFlow once per process from the natives inside the Maven dependency, so that DJL never
 * tries to download anything.
 *
 * <p>DJL's TensorFlow engine looks for {@code libjnitensorflow.so} under {@code TENSORFLOW_LIBRARY_PATH}
 * before it falls back to a download. Loading TF Java's native preset makes JavaCPP extract the natives
 * from {@code tensorflow-core-native-*-linux-x86_64.jar} into its cache; we point DJL at that folder.
 * Native start-up is process-wide by nature, which is why this one class is static.
 *
 * <p>Before the natives load, TensorFlow's C++ logging is set to errors only ({@code TF_CPP_MIN_LOG_LEVEL=2} in
 * the process environment, which Java's {@code System.getenv} cannot change), unless the user has set it.
 */
public final class TensorFlowRuntime {
    /** The TensorFlow version the bundled natives provide and DJL 0.35 expects. */
    public static final String EXPECTED_VERSION = "2.16.1";

    /** TensorFlow's C++ log threshold, read from the process environment when it first logs. */
    static final String LOG_LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";
    /** Errors only: TensorFlow's start-up and model-loading chatter ("I tensorflow/...") is not for users. */
    static final String QUIET_LOG_LEVEL = "2";

    private static volatile RuntimeInfo started;

    private TensorFlowRuntime() {}

    /**
     * What was started.
     *
     * @param tensorflowVersion version reported by the engine
     * @param libraryFolder where the natives were loaded from
     */
    public record RuntimeInfo(String tensorflowVersion, Path libraryFolder) {}

    /** Starts the runtime if needed; safe to call from any thread, any number of times. */
    public static RuntimeInfo ensureStarted() {
        RuntimeInfo info = started;
        if (info != null) {
            return info;
        }
        synchronized (TensorFlowRuntime.class) {
            if (started == null) {
                started = start();
            }
            return started;
        }
    }

    private static RuntimeInfo start() {
        // DJL must never reach for the network: the natives come from the classpath.
        System.setProperty("ai.djl.offline", "true");
        NativeEnvironment.setDefault(LOG_LEVEL_VARIABLE, QUIET_LOG_LEVEL);
        String loaded;
        try {
            loaded = Loader.load(org.tensorflow.internal.c_api.global.tensorflow.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException(
                    "TensorFlow natives could not be loaded (" + e.getMessage() + "). The jar "
                            + "org.tensorflow:tensorflow-core-native:1.0.0-rc.1:linux-x86_64 must be on the class path; "
                            + "only Linux x86-64 is supported.",
                    e);
        }
        Path folder = locateJniFolder(loaded);
        System.setProperty("TENSORFLOW_LIBRARY_PATH", folder.toString());
        Engine engine = Engine.getEngine("TensorFlow");
        return new RuntimeInfo(engine.getVersion(), folder);
    }

    private static Path cacheDir() throws IOException {
        return Loader.getCacheDir().toPath();
    }

    private static Path locateJniFolder(String loadedLibrary) {
        if (loadedLibrary != null) {
            Path parent = new File(loadedLibrary).toPath().getParent();
            if (parent != null && Files.exists(parent.resolve("libjnitensorflow.so"))) {
                return parent;
            }
        }
        try (var files = Files.walk(cacheDir())) {
            return files.filter(p -> p.getFileName().toString().equals("libjnitensorflow.so"))
                    .map(Path::getParent)
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("libjnitensorflow.so was not found in the JavaCPP cache"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot search the JavaCPP cache: " + e.getMessage(), e);
        }
    }
}
