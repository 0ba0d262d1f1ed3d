package org.latentlens.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.latentlens.core.directions.LatentProjection;

/**
 * Opens each bundle with the engine its folder is made for: a TensorFlow bundle holds {@code saved_model/}, an
 * ONNX bundle {@code model.onnx}, so the folder says which, and the manifest stays the same for both. A folder that
 * no engine recognises goes to the first, the default, whose messages say what a bundle must hold (and which may
 * repair an interrupted export of its own).
 */
public final class MultiEngineModelLoader implements ModelLoader {
    /**
     * One kind of bundle.
     *
     * @param name for messages, e.g. {@code TensorFlow SavedModel (saved_model/)}
     * @param recognizes whether a bundle folder is of this kind
     * @param loader opens bundles of this kind
     */
    public record Engine(String name, Predicate<Path> recognizes, ModelLoader loader) {}

    private final List<Engine> engines;

    /** The first engine is the default for folders no engine recognises. */
    public MultiEngineModelLoader(List<Engine> engines) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no engines");
        }
        this.engines = List.copyOf(engines);
    }

    @Override
    public GanModel load(Path bundleDir) throws ModelBundleException {
        return load(bundleDir, LoadOptions.UNTRUSTED);
    }

    @Override
    public GanModel load(Path bundleDir, LoadOptions options) throws ModelBundleException {
        return choose(bundleDir).load(bundleDir, options);
    }

    @Override
    public Optional<OperationReport> scanOperations(Path bundleDir) throws ModelBundleException {
        return choose(bundleDir).scanOperations(bundleDir);
    }

    @Override
    public Optional<LatentProjection> latentProjection(Path bundleDir) throws ModelBundleException {
        return choose(bundleDir).latentProjection(bundleDir);
    }

    /** The loader for {@code bundleDir}; refuses a folder that holds a model for more than one engine. */
    ModelLoader choose(Path bundleDir) throws ModelBundleException {
        List<Engine> matching =
                engines.stream().filter(e -> e.recognizes().test(bundleDir)).toList();
        if (matching.size() > 1) {
            throw new ModelBundleException(bundleDir + " holds a model for more than one engine: "
                    + String.join(" and ", matching.stream().map(Engine::name).toList())
                    + ". A bundle holds one model; move "
                    + "the others into their own folders, each with its manifest.json.");
        }
        return (matching.isEmpty() ? engines.get(0) : matching.get(0)).loader();
    }
}
