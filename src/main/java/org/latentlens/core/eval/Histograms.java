package org.latentlens.core.eval;

/**
 * Equal-width histogram discretisation and plug-in entropy and mutual information (natural logarithm), the
 * estimators disentanglement_lib uses for MIG: each variable is cut into equal-width bins between its own
 * minimum and maximum, and probabilities are bin counts over the sample count.
 */
final class Histograms {
    private Histograms() {}

    /** The bin (0 .. bins-1) of each value, bins of equal width between the values' minimum and maximum. */
    static int[] discretise(double[] values, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int[] out = new int[values.length];
        double width = (max - min) / bins;
        if (!(width > 0)) {
            return out; // a constant variable: one bin, entropy 0
        }
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.min(bins - 1, (int) ((values[i] - min) / width));
        }
        return out;
    }

    /** Number of distinct bins used (the largest bin index plus one). */
    static int binCount(int[] bins) {
        int max = 0;
        for (int b : bins) {
            max = Math.max(max, b);
        }
        return max + 1;
    }

    /** Plug-in entropy in nats. */
    static double entropy(int[] x) {
        double[] p = new double[binCount(x)];
        for (int v : x) {
            p[v]++;
        }
        double h = 0;
        for (double c : p) {
            if (c > 0) {
                double q = c / x.length;
                h -= q * Math.log(q);
            }
        }
        return h;
    }

    /** Plug-in mutual information in nats between two discretised variables of equal length. */
    static double mutualInformation(int[] x, int[] y) {
        int nx = binCount(x);
        int ny = binCount(y);
        double[] joint = new double[nx * ny];
        double[] px = new double[nx];
        double[] py = new double[ny];
        for (int i = 0; i < x.length; i++) {
            joint[x[i] * ny + y[i]]++;
            px[x[i]]++;
            py[y[i]]++;
        }
        double n = x.length;
        double mi = 0;
        for (int a = 0; a < nx; a++) {
            for (int b = 0; b < ny; b++) {
                double c = joint[a * ny + b];
                if (c > 0) {
                    mi += c / n * Math.log(c * n / (px[a] * py[b]));
                }
            }
        }
        return Math.max(0, mi);
    }
}
