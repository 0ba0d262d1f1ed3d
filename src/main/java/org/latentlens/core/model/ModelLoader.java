package org.latentlens.core.model;

import java.nio.file.Path;
import java.util.Optional;
import org.latentlens.core.directions.LatentProjection;

/**
 * Opens model bundles. The engines implement it in their own packages ({@code tensorflow}, {@code onnx});
 * {@link MultiEngineModelLoader} picks one by what the bundle folder holds.
 */
public interface ModelLoader {
    /**
     * Loads and validates the bundle in {@code bundleDir}, refusing a model whose graph does more than compute
     * (the same as {@link #load(Path, LoadOptions)} with {@link LoadOptions#UNTRUSTED}).
     *
     * @throws UntrustedModelException when the graph uses operations outside the allowlist
     * @throws ModelBundleException with a message for the user when the bundle is unusable
     */
    GanModel load(Path bundleDir) throws ModelBundleException;

    /**
     * Loads and validates the bundle in {@code bundleDir} with the given options. Loaders that check no
     * operations (test fakes) may keep this default, which ignores the options.
     *
     * @throws UntrustedModelException when the graph uses operations outside the allowlist and the options do
     *     not trust the model
     * @throws ModelBundleException with a message for the user when the bundle is unusable
     */
    default GanModel load(Path bundleDir, LoadOptions options) throws ModelBundleException {
        return load(bundleDir);
    }

    /**
     * Lists the operation kinds of the bundle's graph and those not allowed in an untrusted model, without
     * loading it; empty where the loader does not check operations.
     *
     * @throws ModelBundleException when the bundle's graph cannot be read
     */
    default Optional<OperationReport> scanOperations(Path bundleDir) throws ModelBundleException {
        return Optional.empty();
    }

    /**
     * The generator's first layer as a matrix (for SeFa's closed-form directions), read from the bundle's weights
     * when this loader knows how the generator is built; empty otherwise (a Keras or ONNX model of any shape).
     *
     * @throws ModelBundleException when the bundle cannot be read
     */
    default Optional<LatentProjection> latentProjection(Path bundleDir) throws ModelBundleException {
        return Optional.empty();
    }
}
