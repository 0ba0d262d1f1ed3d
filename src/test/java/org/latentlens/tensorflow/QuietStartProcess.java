package org.latentlens.tensorflow;

import java.nio.file.Path;

/** Run in a child JVM by {@link TensorFlowRuntimeTest}: loads a bundle and says what log level TensorFlow saw. */
public final class QuietStartProcess {
    private QuietStartProcess() {}

    /** {@code args[0]}: a model bundle. */
    public static void main(String[] args) throws Exception {
        new DjlModelLoader().load(Path.of(args[0])).close();
        System.out.println(TensorFlowRuntime.LOG_LEVEL_VARIABLE + "="
                + NativeEnvironment.get(TensorFlowRuntime.LOG_LEVEL_VARIABLE));
        System.exit(0);
    }
}
