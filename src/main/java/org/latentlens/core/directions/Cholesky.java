package org.latentlens.core.directions;

/** Solves symmetric positive-definite systems; the matrices here are latent-sized (tens to hundreds). */
final class Cholesky {
    private Cholesky() {}

    /**
     * Solves {@code a x = b} for symmetric positive-definite {@code a}. A matrix that is only semi-definite (a
     * latent dimension the samples never vary) gets a tiny ridge instead of failing.
     */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(a[i][i]));
        }
        double ridge = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            double[][] l = factor(a, ridge);
            if (l != null) {
                return substitute(l, b);
            }
            ridge = ridge == 0 ? 1e-12 * Math.max(scale, 1e-300) : ridge * 100;
        }
        throw new IllegalArgumentException("the system is not positive definite");
    }

    private static double[][] factor(double[][] a, double ridge) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j] + (i == j ? ridge : 0);
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    private static double[] substitute(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
