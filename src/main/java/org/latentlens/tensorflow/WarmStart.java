package org.latentlens.tensorflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.train.TrainingException;

/**
 * The weights a warm-started run begins with: every variable of a bundle that Latent Lens exported, read by name.
 * Reading them runs the SavedModel's restore op, so the graph must pass the same operation scan as an untrusted
 * model; anything else (a Keras or ONNX bundle, a damaged folder) is refused with a message that says why.
 */
final class WarmStart {
    private WarmStart() {}

    /** The bundle's weights by variable name, and the steps it was trained for (0 when unknown). */
    record Weights(Map<String, float[]> values, String modelName, long steps) {}

    static Weights read(Path bundleDir) throws TrainingException {
        Path savedModel = bundleDir.resolve(DjlModelLoader.SAVED_MODEL_DIR);
        if (!Files.isRegularFile(savedModel.resolve("saved_model.pb"))) {
            throw new TrainingException("--warm-start needs a model bundle exported by Latent Lens; " + bundleDir
                    + " has no " + DjlModelLoader.SAVED_MODEL_DIR + "/saved_model.pb.");
        }
        try {
            ModelManifest manifest = ManifestJson.read(bundleDir);
            if (!SavedModelScan.scan(savedModel).allAllowed()) {
                throw new TrainingException("--warm-start reads only bundles whose graph does nothing but compute; "
                        + manifest.name() + " uses other operations (see `latent-lens info " + bundleDir + "`).");
            }
            try (RawSessionGenerator raw = RawSessionGenerator.open(bundleDir)) {
                Map<String, float[]> values = raw.variables("");
                if (values.isEmpty()) {
                    throw new TrainingException(bundleDir + " holds no weights that a Latent Lens run can start from.");
                }
                long steps = manifest.training() != null ? manifest.training().steps() : 0;
                return new Weights(values, manifest.name(), steps);
            }
        } catch (ModelBundleException e) {
            throw new TrainingException("Cannot start from " + bundleDir + ": " + e.getMessage(), e);
        }
    }
}
