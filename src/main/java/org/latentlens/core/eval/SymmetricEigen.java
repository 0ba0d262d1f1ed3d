package org.latentlens.core.eval;

import java.util.Arrays;

/** Eigen-decomposition of small symmetric matrices by cyclic Jacobi rotations. */
public final class SymmetricEigen {
    private SymmetricEigen() {}

    /**
     * Eigenvalues and unit eigenvectors of a symmetric matrix, largest eigenvalue first.
     *
     * @param values eigenvalues in descending order
     * @param vectors {@code vectors[k]} is the unit eigenvector of {@code values[k]}
     */
    public record Decomposition(double[] values, double[][] vectors) {}

    /** Decomposes symmetric {@code m}, largest eigenvalue first. */
    public static Decomposition descending(double[][] m) {
        double[][][] r = decompose(m);
        double[] values = r[0][0];
        double[][] columns = r[1];
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[] sorted = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            sorted[k] = values[order[k]];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = columns[i][order[k]];
            }
        }
        return new Decomposition(sorted, vectors);
    }

    /** Eigenvalues of symmetric {@code m}. */
    static double[] eigenvalues(double[][] m) {
        return decompose(m)[0][0];
    }

    /** The symmetric square root of a symmetric positive semi-definite matrix. */
    static double[][] sqrt(double[][] m) {
        double[][][] r = decompose(m);
        double[] values = r[0][0];
        double[][] vectors = r[1];
        int n = values.length;
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(Math.max(0, values[k]));
            for (int i = 0; i < n; i++) {
                double vik = vectors[i][k] * s;
                for (int j = 0; j < n; j++) {
                    out[i][j] += vik * vectors[j][k];
                }
            }
        }
        return out;
    }

    /** Returns {{eigenvalues}}, eigenvectors (columns). */
    private static double[][][] decompose(double[][] input) {
        int n = input.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = input[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-22 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new double[][][] {{values}, v};
    }
}
