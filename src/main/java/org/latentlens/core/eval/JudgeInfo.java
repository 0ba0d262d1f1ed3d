package org.latentlens.core.eval;

import java.util.List;
import java.util.Map;

/**
 * The record kept beside a saved judge ({@code judge.json}).
 *
 * @param dataset the real data it learnt from
 * @param attributes what it predicts, in output order
 * @param imageSize pixels
 * @param steps training steps
 * @param heldOutAccuracy accuracy per attribute on held-out real images
 */
public record JudgeInfo(
        String dataset, List<String> attributes, int imageSize, long steps, Map<String, Double> heldOutAccuracy) {

    /** Mean held-out accuracy over attributes. */
    public double meanAccuracy() {
        return heldOutAccuracy.values().stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    }
}
