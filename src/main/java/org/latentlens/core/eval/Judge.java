package org.latentlens.core.eval;

import java.util.List;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.ImageBatch;

/**
 * An attribute classifier trained only on real labelled images. Every interpretability figure is read
 * through it, so a model never grades itself.
 */
public interface Judge extends AutoCloseable {
    /** What it was trained on and how well it does on held-out real images. */
    JudgeInfo info();

    /** Attribute logits ([N, A] in {@code info().attributes()} order) and penultimate features ([N, H]). */
    Reading read(ImageBatch images);

    @Override
    void close();

    /**
     * @param logits one row per image
     * @param features one row per image, for the Fréchet distance
     */
    record Reading(FloatMatrix logits, FloatMatrix features) {}

    /** Convenience: the attribute list. */
    default List<String> attributes() {
        return info().attributes();
    }
}
