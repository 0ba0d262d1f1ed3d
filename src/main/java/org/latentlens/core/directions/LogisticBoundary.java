package org.latentlens.core.directions;

import java.util.Arrays;

/**
 * A linear boundary {@code w . z + b = 0} fitted by L2-regularised logistic regression, solved by Newton's method
 * with a backtracking line search (deterministic: no random start, no sampling). Targets may be soft: the judge's
 * probability that an image shows the attribute.
 *
 * <p>Its unit normal is InterFaceGAN's editing direction (Shen et al., CVPR 2020): codes on its positive side
 * generate images with the attribute. The L2 term keeps the weights finite when the classes are separable, as they
 * are when a model's generator ties an attribute to one axis.
 */
public final class LogisticBoundary {
    /** L2 weight used unless told otherwise: small against the data term, large enough to stop runaway weights. */
    public static final double DEFAULT_L2 = 1e-2;

    private static final int MAX_ITERATIONS = 100;

    /**
     * A fitted boundary.
     *
     * @param weights {@code w}, one per input dimension
     * @param bias {@code b}
     * @param iterations Newton steps taken
     */
    public record Fit(double[] weights, double bias, int iterations) {
        /** The unit normal, pointing to where the attribute is present. */
        public double[] normal() {
            return LatentVectors.unit(weights);
        }
    }

    private LogisticBoundary() {}

    /**
     * Fits {@code P(attribute | z) = sigmoid(w . z + b)}.
     *
     * @param x one row per sample
     * @param targets per sample, in [0, 1]
     * @param l2 weight of {@code ½ |w|²} (the bias is not penalised) against the mean cross-entropy
     */
    public static Fit fit(double[][] x, double[] targets, double l2) {
        int n = x.length;
        if (n == 0 || n != targets.length) {
            throw new IllegalArgumentException("need one target per sample, and at least one sample");
        }
        int d = x[0].length;
        double[] theta = new double[d + 1];
        double loss = loss(x, targets, theta, l2);
        int iterations = 0;
        while (iterations < MAX_ITERATIONS) {
            iterations++;
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(score(x[i], theta));
                double g = (p - targets[i]) / n;
                double h = p * (1 - p) / n;
                for (int a = 0; a <= d; a++) {
                    double xa = a < d ? x[i][a] : 1;
                    gradient[a] += g * xa;
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += h * xa * (b < d ? x[i][b] : 1);
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                gradient[a] += l2 * theta[a];
                hessian[a][a] += l2;
            }
            for (int a = 0; a <= d; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
            }
            double[] step = Cholesky.solve(hessian, gradient);
            double decrease = LatentVectors.dot(gradient, step);
            if (!(decrease > 1e-14)) {
                break;
            }
            // Backtracking keeps every step a descent even far from the optimum (Newton alone can overshoot there).
            double t = 1;
            double[] next = new double[d + 1];
            double nextLoss;
            while (true) {
                for (int a = 0; a <= d; a++) {
                    next[a] = theta[a] - t * step[a];
                }
                nextLoss = loss(x, targets, next, l2);
                if (nextLoss <= loss - 1e-4 * t * decrease || t < 1e-8) {
                    break;
                }
                t /= 2;
            }
            theta = next;
            boolean converged = loss - nextLoss < 1e-12;
            loss = nextLoss;
            if (converged) {
                break;
            }
        }
        return new Fit(Arrays.copyOf(theta, d), theta[d], iterations);
    }

    private static double loss(double[][] x, double[] targets, double[] theta, double l2) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double s = score(x[i], theta);
            sum += softplus(s) - targets[i] * s;
        }
        double w2 = 0;
        for (int a = 0; a < theta.length - 1; a++) {
            w2 += theta[a] * theta[a];
        }
        return sum / x.length + 0.5 * l2 * w2;
    }

    private static double score(double[] row, double[] theta) {
        double s = theta[row.length];
        for (int a = 0; a < row.length; a++) {
            s += theta[a] * row[a];
        }
        return s;
    }

    private static double sigmoid(double s) {
        return 1 / (1 + Math.exp(-s));
    }

    private static double softplus(double s) {
        return s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
    }
}
