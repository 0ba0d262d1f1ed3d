package org.latentlens.core.eval;

/**
 * The Fréchet distance between two Gaussians fitted to feature sets:
 * |m1 - m2|^2 + Tr(S1 + S2 - 2 (S1^1/2 S2 S1^1/2)^1/2). With Inception features this is FID; we use the
 * judge's features, so the figure is comparable only between models measured with the same judge.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** Distance between feature sets given as rows ([n][d] each). */
    public static double between(double[][] a, double[][] b) {
        int d = a[0].length;
        double[] ma = mean(a);
        double[] mb = mean(b);
        double[][] sa = covariance(a, ma);
        double[][] sb = covariance(b, mb);
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            meanTerm += (ma[i] - mb[i]) * (ma[i] - mb[i]);
        }
        double[][] rootA = SymmetricEigen.sqrt(sa);
        double[][] inner = multiply(multiply(rootA, sb), rootA);
        symmetrise(inner);
        double traceRoot = 0;
        for (double ev : SymmetricEigen.eigenvalues(inner)) {
            traceRoot += Math.sqrt(Math.max(0, ev));
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += sa[i][i] + sb[i][i];
        }
        return Math.max(0, meanTerm + trace - 2 * traceRoot);
    }

    private static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j] / x.length;
            }
        }
        return m;
    }

    private static double[][] covariance(double[][] x, double[] m) {
        int d = m.length;
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                double di = row[i] - m[i];
                for (int j = i; j < d; j++) {
                    c[i][j] += di * (row[j] - m[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= Math.max(1, x.length - 1);
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = a[i][k];
                if (v == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    out[i][j] += v * b[k][j];
                }
            }
        }
        return out;
    }

    private static void symmetrise(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double v = (m[i][j] + m[j][i]) / 2;
                m[i][j] = v;
                m[j][i] = v;
            }
        }
    }
}
