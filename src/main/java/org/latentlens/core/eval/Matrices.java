package org.latentlens.core.eval;

/** Small helpers over row-major {@code double[N][D]} samples shared by the disentanglement metrics. */
final class Matrices {
    private Matrices() {}

    /** Checks that codes and factors hold the same non-zero number of rows, each with at least one column. */
    static void checkPaired(double[][] codes, double[][] factors) {
        if (codes.length == 0 || codes.length != factors.length) {
            throw new IllegalArgumentException("codes and factors need the same, non-zero number of samples; got "
                    + codes.length + " codes and " + factors.length + " factor rows");
        }
        if (codes[0].length == 0 || factors[0].length == 0) {
            throw new IllegalArgumentException("codes and factors need at least one column each");
        }
    }

    /** Column {@code j} of {@code rows}. */
    static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample variance (divisor N - 1; 0 for one sample). */
    static double variance(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    /** Sample covariance (divisor N - 1). */
    static double covariance(double[] x, double[] y) {
        if (x.length < 2) {
            return 0;
        }
        double mx = mean(x);
        double my = mean(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (x.length - 1);
    }

    /** Entropy of the distribution proportional to {@code weights}, in logarithm base {@code base}. */
    static double entropy(double[] weights, int base) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (total <= 0) {
            return 1; // no weight at all: as spread out as can be
        }
        double h = 0;
        for (double w : weights) {
            if (w > 0) {
                double p = w / total;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(base);
    }
}
