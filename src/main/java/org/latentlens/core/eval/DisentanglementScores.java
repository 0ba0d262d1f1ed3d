package org.latentlens.core.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MIG, SAP and DCI of one encoder's code against the ground-truth factors of the same images.
 *
 * @param mig {@link MutualInformationGap}
 * @param sap {@link SapScore}
 * @param dci {@link DciScores}
 * @param samples images measured
 */
public record DisentanglementScores(double mig, double sap, DciScores dci, int samples) {
    /** Metric-key prefix in a manifest. */
    public static final String PREFIX = "disentanglement.";

    /** All three metrics of {@code codes} ([N][D]) against {@code factors} ([N][K]), rows in random order. */
    public static DisentanglementScores of(double[][] codes, double[][] factors) {
        return new DisentanglementScores(
                MutualInformationGap.score(codes, factors),
                SapScore.score(codes, factors),
                DciScores.of(codes, factors),
                codes.length);
    }

    /** The figures under their manifest keys ({@code disentanglement.mig}, ...). */
    public Map<String, Double> asMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(PREFIX + "mig", mig);
        m.put(PREFIX + "sap", sap);
        m.put(PREFIX + "dci.disentanglement", dci.disentanglement());
        m.put(PREFIX + "dci.completeness", dci.completeness());
        m.put(PREFIX + "dci.informativeness", dci.informativeness());
        return m;
    }
}
