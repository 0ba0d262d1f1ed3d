package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TensorFlowRuntimeTest {
  @Test
  void startsFromTheMavenNativesWithoutDownloading() {
    TensorFlowRuntime.RuntimeInfo info = TensorFlowRuntime.ensureStarted();

    assertEquals(TensorFlowRuntime.EXPECTED_VERSION, info.tensorflowVersion());
    assertEquals("2.16.1", Engine.getEngine("TensorFlow").getVersion());
    assertTrue(Files.isRegularFile(info.libraryFolder().resolve("libjnitensorflow.so")));
    // The natives come from the tensorflow-core-native jar (extracted by JavaCPP), not from DJL's
    // download cache, and DJL is told it is offline.
    assertTrue(info.libraryFolder().toString().contains("tensorflow-core-native"), info.libraryFolder().toString());
    assertFalse(info.libraryFolder().startsWith(Utils.getEngineCacheDir()));
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertSame(info, TensorFlowRuntime.ensureStarted(), "start-up happens once");
  }
}
