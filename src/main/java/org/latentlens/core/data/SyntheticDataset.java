package org.latentlens.core.data;

import java.util.List;
import org.latentlens.core.data.synthetic.FaceFactors;
import org.latentlens.core.data.synthetic.SyntheticFaces;

/**
 * The built-in procedural faces as a dataset: entry {@code i} is face {@code i} of the seed, with its ground-truth
 * factors ({@link FaceFactors#continuous()}, the values {@code list_factors.txt} holds for an exported folder).
 */
public final class SyntheticDataset implements ImageDataset, GroundTruthFactors {
    private final SyntheticFaces faces;
    private final int count;
    private final int renderSize;

    /**
     * @param seed which faces
     * @param count how many entries
     * @param renderSize pixels to draw at (the model's size avoids a resize)
     */
    public SyntheticDataset(long seed, int count, int renderSize) {
        this.faces = new SyntheticFaces(seed);
        this.count = count;
        this.renderSize = renderSize;
    }

    /** The seed of these faces. */
    public long seed() {
        return faces.seed();
    }

    /** Another set of faces of the same size. */
    public SyntheticDataset withSeed(long seed, int newCount) {
        return new SyntheticDataset(seed, newCount, renderSize);
    }

    @Override
    public String description() {
        return "synthetic(seed=" + faces.seed() + ")";
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public List<String> attributes() {
        return FaceFactors.ATTRIBUTES;
    }

    @Override
    public Sample load(int index) {
        return new Sample("synthetic-" + index, faces.image(index, renderSize), labels(index));
    }

    @Override
    public float[] labels(int index) {
        int[] a = faces.factors(index).attributes();
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    @Override
    public List<String> factorNames() {
        return FaceFactors.FACTORS;
    }

    @Override
    public double[] factors(int index) {
        return faces.factors(index).continuous();
    }

    @Override
    public List<String> nuisanceFactors() {
        return FaceFactors.NUISANCE;
    }

    @Override
    public List<String> problems() {
        return List.of();
    }
}
