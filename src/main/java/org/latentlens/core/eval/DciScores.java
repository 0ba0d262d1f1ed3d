package org.latentlens.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Disentanglement, completeness and informativeness (DCI, Eastwood and Williams 2018) as disentanglement_lib
 * computes them, with one documented difference: the regressor. disentanglement_lib fits scikit-learn's
 * gradient-boosted trees per factor and takes their impurity importances; we fit our own gradient-boosted
 * regression trees ({@link BoostedTrees}: 100 trees of depth 3, learning rate 0.1, squared loss, splits on 32
 * quantile bins per code dimension) to each standardised factor and take the same kind of importance.
 *
 * <p>From the importance matrix R (code dimension i by factor j, each factor's column summing to 1):
 * <ul>
 *   <li><b>disentanglement</b>: per code dimension, 1 minus the entropy (base K, the number of factors) of its row
 *       normalised to sum 1, weighted by the dimension's share of all importance;</li>
 *   <li><b>completeness</b>: per factor, 1 minus the entropy (base D, the number of code dimensions) of its
 *       column, weighted by the factor's share of all importance;</li>
 *   <li><b>informativeness</b>: the trees' mean R^2 over factors on held-out samples (the last
 *       {@value #TEST_PERCENT}% of the rows), each factor's R^2 counted as 0 when below 0. disentanglement_lib
 *       reports the classifiers' accuracy here; ours are regressors, so R^2 takes its place.</li>
 * </ul>
 *
 * @param disentanglement about 1 when each code dimension serves one factor
 * @param completeness about 1 when each factor is held by one code dimension
 * @param informativeness how much of the factors the code predicts, 0 .. 1
 */
public record DciScores(double disentanglement, double completeness, double informativeness) {
    /** Share of the rows held out to measure informativeness. */
    public static final int TEST_PERCENT = 20;

    /**
     * DCI of {@code codes} ([N][D]) against {@code factors} ([N][K]); rows should come in random order, since the
     * last {@value #TEST_PERCENT}% are the test split. Constant factors are left out.
     *
     * @throws IllegalArgumentException with fewer than 2 code dimensions, 2 varying factors or 20 samples
     */
    public static DciScores of(double[][] codes, double[][] factors) {
        Matrices.checkPaired(codes, factors);
        int n = codes.length;
        int train = n - n * TEST_PERCENT / 100;
        if (n < 20 || codes[0].length < 2) {
            throw new IllegalArgumentException(
                    "DCI needs at least 20 samples and 2 code dimensions; got " + n + " samples of " + codes[0].length);
        }
        double[][] xTrain = Arrays.copyOfRange(codes, 0, train);
        double[][] xTest = Arrays.copyOfRange(codes, train, n);
        int dims = codes[0].length;
        List<double[]> columns = new ArrayList<>();
        double informativeness = 0;
        for (int k = 0; k < factors[0].length; k++) {
            double[] y = Matrices.column(factors, k);
            double[] yTrain = Arrays.copyOfRange(y, 0, train);
            double sd = Math.sqrt(Matrices.variance(yTrain));
            if (!(sd > 1e-12)) {
                continue;
            }
            double mean = Matrices.mean(yTrain);
            for (int i = 0; i < n; i++) {
                y[i] = (y[i] - mean) / sd;
            }
            BoostedTrees trees = BoostedTrees.fit(xTrain, Arrays.copyOfRange(y, 0, train));
            columns.add(trees.importance());
            informativeness += Math.max(0, rSquared(Arrays.copyOfRange(y, train, n), trees.predict(xTest)));
        }
        int k = columns.size();
        if (k < 2) {
            throw new IllegalArgumentException("DCI needs at least 2 factors that vary; got " + k);
        }
        double[][] r = new double[dims][k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < dims; i++) {
                r[i][j] = columns.get(j)[i];
            }
        }
        return new DciScores(
                weightedOneMinusEntropy(r, k), weightedOneMinusEntropy(transpose(r), dims), informativeness / k);
    }

    /** Sum over rows of (row weight share) * (1 - entropy of the row in base {@code base}). */
    private static double weightedOneMinusEntropy(double[][] rows, int base) {
        double total = 0;
        for (double[] row : rows) {
            for (double v : row) {
                total += v;
            }
        }
        if (total <= 0) {
            return 0; // nothing predicts anything: no structure to credit
        }
        double score = 0;
        for (double[] row : rows) {
            double weight = 0;
            for (double v : row) {
                weight += v;
            }
            score += weight / total * (1 - Matrices.entropy(row, base));
        }
        return score;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static double rSquared(double[] y, double[] predicted) {
        double mean = Matrices.mean(y);
        double residual = 0;
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            residual += (y[i] - predicted[i]) * (y[i] - predicted[i]);
            total += (y[i] - mean) * (y[i] - mean);
        }
        return total > 0 ? 1 - residual / total : 0;
    }
}
