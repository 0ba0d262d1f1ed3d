package org.latentlens.core.eval;

import java.util.Map;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.RealismCalibration;

/**
 * What one run of the {@link Evaluator} measured.
 *
 * @param metrics figures by name, in print order
 * @param calibration the discriminator's realism scores on held-out real and on prior-sampled images, or
 *     {@code null} when there were no held-out images to score
 */
public record Evaluation(Map<String, Double> metrics, RealismCalibration calibration) {
  /** {@code manifest} with these figures and this calibration in place of earlier ones. */
  public ModelManifest applyTo(ModelManifest manifest) {
    return manifest.withMetrics(metrics).withCalibration(calibration);
  }
}
