package org.latentlens.tensorflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.InferenceGraph;

/**
 * Writes model bundles: a SavedModel with the four signatures plus {@code manifest.json}. The bundle
 * appears at its destination whole or not at all, so a crash never leaves a half-written model.
 */
public final class BundleWriter {
  private BundleWriter() {}

  /** Exports weights (by parameter name) of {@code arch} as a bundle in {@code dir}. */
  public static void write(GanArchitecture arch, Map<String, float[]> weights, ModelManifest manifest, Path dir)
      throws IOException {
    TensorFlowRuntime.ensureStarted();
    try (InferenceGraph graph = new InferenceGraph(arch)) {
      graph.load(weights);
      write(graph, manifest, dir);
    }
  }

  /** Exports an untrained model with seeded random weights: for tests and format demonstrations. */
  public static void writeRandom(GanArchitecture arch, long seed, ModelManifest manifest, Path dir)
      throws IOException {
    TensorFlowRuntime.ensureStarted();
    try (InferenceGraph graph = new InferenceGraph(arch)) {
      graph.initialize(seed);
      write(graph, manifest, dir);
    }
  }

  private static void write(InferenceGraph graph, ModelManifest manifest, Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, dir.getFileName() + ".writing-");
    Path savedModel = staging.resolve("saved_model");
    try {
      graph.exportSavedModel(savedModel);
      ModelManifest withSignatures = new ModelManifest(manifest.formatVersion(), manifest.name(),
          manifest.description(), manifest.image(), manifest.latent(), manifest.attributes(),
          graph.signatureNames(), manifest.training(), manifest.metrics());
      ManifestJson.write(withSignatures, staging);
      replace(staging, dir);
    } finally {
      deleteRecursively(staging);
    }
  }

  /** Moves {@code staging} to {@code dir}; an existing bundle there is replaced only after the move succeeds. */
  static void replace(Path staging, Path dir) throws IOException {
    Path old = null;
    if (Files.exists(dir)) {
      old = dir.resolveSibling(dir.getFileName() + ".old-" + System.nanoTime());
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteRecursively(old);
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
