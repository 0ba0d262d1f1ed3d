package org.latentlens.onnx;

import ai.djl.engine.Engine;

/**
 * Starts DJL's ONNX Runtime engine once per process, from the natives inside the {@code onnxruntime} Maven jar
 * (ONNX Runtime extracts them to a temporary folder itself), so that nothing is downloaded.
 *
 * <p>DJL's ONNX Runtime arrays can do little arithmetic, so DJL normally pairs the engine with an "alternative"
 * engine for the rest: here that would be TensorFlow, started through DJL's own library search, which may try
 * to download natives. Latent Lens does all array work itself, so the alternative is switched off. Process-wide
 * start-up is why this one class is static, like {@code TensorFlowRuntime}.
 */
public final class OnnxRuntime {
    /** DJL's name of the engine. */
    static final String ENGINE = "OnnxRuntime";
    /** The ONNX Runtime version of the {@code onnxruntime} jar that DJL 0.35 is built against. */
    public static final String EXPECTED_VERSION = "1.21.1";

    private static volatile String version;

    private OnnxRuntime() {}

    /** Starts the engine if needed and returns ONNX Runtime's version; safe from any thread, any number of times. */
    public static String ensureStarted() {
        String v = version;
        if (v != null) {
            return v;
        }
        synchronized (OnnxRuntime.class) {
            if (version == null) {
                // DJL must never reach for the network, nor start a second engine for array operations.
                System.setProperty("ai.djl.offline", "true");
                System.setProperty("ai.djl.onnx.disable_alternative", "true");
                try {
                    version = Engine.getEngine(ENGINE).getVersion();
                } catch (RuntimeException | LinkageError e) {
                    // After a failed start the JVM answers NoClassDefFoundError for DJL's engine holder: same message.
                    throw new IllegalStateException(
                            "ONNX Runtime could not be started (" + e + "). It extracts its natives "
                                    + "from the jar com.microsoft.onnxruntime:onnxruntime:" + EXPECTED_VERSION
                                    + " into the temporary "
                                    + "folder (" + System.getProperty("java.io.tmpdir")
                                    + "), which must be writable and not full; the "
                                    + "jar must be on the class path, next to ai.djl.onnxruntime:onnxruntime-engine.",
                            e);
                }
            }
            return version;
        }
    }
}
