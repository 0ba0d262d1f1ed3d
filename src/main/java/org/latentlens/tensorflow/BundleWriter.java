package org.latentlens.tensorflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.latentlens.core.directions.DirectionsJson;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.InferenceGraph;

/** Writes model bundles: a SavedModel with the four signatures plus {@code manifest.json}. */
public final class BundleWriter {
    private BundleWriter() {}

    /** Exports weights (by parameter name) of {@code arch} with all three networks as a bundle in {@code dir}. */
    public static void write(GanArchitecture arch, Map<String, float[]> weights, ModelManifest manifest, Path dir)
            throws IOException {
        write(arch, true, true, weights, manifest, dir);
    }

    /**
     * Exports weights of {@code arch} as a bundle in {@code dir}; without an encoder (or discriminator) the bundle
     * has no {@code encode} (or {@code discriminate} and {@code saliency}) signature, and the manifest says so.
     */
    public static void write(
            GanArchitecture arch,
            boolean encoder,
            boolean discriminator,
            Map<String, float[]> weights,
            ModelManifest manifest,
            Path dir)
            throws IOException {
        TensorFlowRuntime.ensureStarted();
        requireFinite(weights);
        try (InferenceGraph graph = new InferenceGraph(arch, encoder, discriminator)) {
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

    /**
     * Writes {@code saved_model/} and {@code manifest.json} into {@code dir}, removing the old weights'
     * {@code directions.json} and leaving anything else there (a run's checkpoints and samples) alone. The new
     * SavedModel is written beside the old one and swapped in by renames, so an interrupted export never leaves a
     * half-written model in place.
     */
    private static void write(InferenceGraph graph, ModelManifest manifest, Path dir) throws IOException {
        Files.createDirectories(dir);
        recover(dir);
        cleanStale(dir);
        Path staging = dir.resolve(".saved_model.writing-" + System.nanoTime());
        Path target = dir.resolve(DjlModelLoader.SAVED_MODEL_DIR);
        Path old = dir.resolve(".saved_model.old-" + System.nanoTime());
        try {
            graph.exportSavedModel(staging);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            ModelManifest withSignatures = new ModelManifest(
                    manifest.formatVersion(),
                    manifest.name(),
                    manifest.description(),
                    manifest.image(),
                    manifest.latent(),
                    manifest.attributes(),
                    graph.signatureNames(),
                    manifest.training(),
                    manifest.metrics(),
                    manifest.layout(),
                    manifest.roles());
            ManifestJson.write(withSignatures, dir);
            // Directions were found for the old weights; like the manifest's calibration, new weights need new ones.
            Files.deleteIfExists(dir.resolve(DirectionsJson.FILE_NAME));
        } finally {
            deleteRecursively(staging);
            deleteRecursively(old);
        }
    }

    /**
     * Puts back {@code saved_model/} when a kill fell between the two renames of an export (old model moved aside,
     * new one not yet in place): the newest moved-aside model becomes the bundle's again. Safe to call any time.
     */
    public static void recover(Path dir) throws IOException {
        Path target = dir.resolve(DjlModelLoader.SAVED_MODEL_DIR);
        if (Files.exists(target) || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            var newest = files.filter(p -> p.getFileName().toString().startsWith(".saved_model.old-"))
                    .filter(p -> Files.isRegularFile(p.resolve("saved_model.pb")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
            if (newest.isPresent()) {
                Files.move(newest.get(), target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** Deletes what killed exports left: staging folders and half-written manifests; returns how many. */
    static int cleanStale(Path dir) throws IOException {
        int n = SafeFiles.cleanStale(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(".saved_model.writing-")
                            || f.getFileName().toString().startsWith(".saved_model.old-"))
                    .toList()) {
                deleteRecursively(p);
                n++;
            }
        }
        return n;
    }

    /** Refuses weights that hold NaN or infinity: such a model would render noise. */
    static void requireFinite(Map<String, float[]> weights) throws IOException {
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            for (float v : e.getValue()) {
                if (!Float.isFinite(v)) {
                    throw new IOException("refusing to export: weight " + e.getKey() + " is not a finite number");
                }
            }
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
