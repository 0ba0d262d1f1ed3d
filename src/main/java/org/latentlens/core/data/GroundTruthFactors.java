package org.latentlens.core.data;

import java.util.List;

/**
 * A dataset whose images come with the true values of the factors that made them (the synthetic faces), so that
 * a model's code can be scored against them (MIG, SAP, DCI).
 */
public interface GroundTruthFactors {
    /** Factor names, in the order of {@link #factors}. */
    List<String> factorNames();

    /** The factors of entry {@code index} (cheap: no image is drawn). */
    double[] factors(int index);

    /**
     * Factors drawn as nuisance (jitter, lighting): varied so that models do not overfit, but not a property anyone is
     * asked to control, and so left out of disentanglement scores.
     */
    default List<String> nuisanceFactors() {
        return List.of();
    }
}
