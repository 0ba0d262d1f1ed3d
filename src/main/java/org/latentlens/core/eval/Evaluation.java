package org.latentlens.core.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentlens.core.model.DimensionExplanation;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.RealismCalibration;

/**
 * What one run of the {@link Evaluator} measured.
 *
 * @param metrics figures by name, in print order
 * @param calibration the discriminator's realism scores on held-out real and on prior-sampled images, or
 *     {@code null} when there were no held-out images to score or the model has no discriminator
 * @param explained per latent dimension, the attribute its sweeps move most
 */
public record Evaluation(
        Map<String, Double> metrics, RealismCalibration calibration, Map<String, DimensionExplanation> explained) {
    /** Copies the maps, keeping their order. */
    public Evaluation {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        explained = explained == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(explained));
    }

    /** {@code manifest} with these figures, this calibration and these explanations in place of earlier ones. */
    public ModelManifest applyTo(ModelManifest manifest) {
        return manifest.withMetrics(metrics).withCalibration(calibration).withExplained(explained);
    }
}
