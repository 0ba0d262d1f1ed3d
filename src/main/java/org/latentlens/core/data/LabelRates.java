package org.latentlens.core.data;

/** How common each attribute of a labelled dataset is. */
public final class LabelRates {
    private LabelRates() {}

    /**
     * The share of known labels that are positive, per attribute of {@code dataset} (label order); NaN for an
     * attribute no entry has a label for. Reads labels only, no images.
     */
    public static double[] positive(ImageDataset dataset) {
        int a = dataset.attributes().size();
        long[] positive = new long[a];
        long[] known = new long[a];
        for (int i = 0; i < dataset.size(); i++) {
            float[] l = dataset.labels(i);
            for (int j = 0; j < Math.min(a, l.length); j++) {
                if (l[j] != 0) {
                    known[j]++;
                    if (l[j] > 0) {
                        positive[j]++;
                    }
                }
            }
        }
        double[] rates = new double[a];
        for (int j = 0; j < a; j++) {
            rates[j] = known[j] == 0 ? Double.NaN : (double) positive[j] / known[j];
        }
        return rates;
    }
}
