package org.latentlens.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient-boosted regression trees with squared loss, the regressor family disentanglement_lib uses for DCI
 * (it uses scikit-learn's gradient-boosted classifier: 100 trees of depth 3, learning rate 0.1; this is the same
 * recipe for regression). To stay cheap in pure Java, splits are searched on each input's {@value #BINS} quantile
 * bins (as histogram-based boosting does), not on every distinct value.
 *
 * <p>The importance of an input is the squared error removed by the splits on it, summed over all trees and
 * normalised to sum to 1, as scikit-learn's impurity-based {@code feature_importances_}.
 */
final class BoostedTrees {
    static final int TREES = 100;
    static final int DEPTH = 3;
    static final double LEARNING_RATE = 0.1;
    static final int BINS = 32;
    static final int MIN_LEAF = 5;

    private final double[][] edges;
    private final double base;
    private final List<Node> trees;
    private final double[] importance;

    private BoostedTrees(double[][] edges, double base, List<Node> trees, double[] importance) {
        this.edges = edges;
        this.base = base;
        this.trees = trees;
        this.importance = importance;
    }

    /** A node: a split ({@code feature >= 0}, samples with bin at most {@code bin} go left) or a leaf value. */
    private record Node(int feature, int bin, Node left, Node right, double value) {
        double predict(int[] bins) {
            Node n = this;
            while (n.feature >= 0) {
                n = bins[n.feature] <= n.bin ? n.left : n.right;
            }
            return n.value;
        }
    }

    /** Fits {@code y} from the rows of {@code x} ([N][D]). */
    static BoostedTrees fit(double[][] x, double[] y) {
        int features = x[0].length;
        double[][] edges = new double[features][];
        for (int d = 0; d < features; d++) {
            edges[d] = quantileEdges(Matrices.column(x, d));
        }
        int[][] bins = binAll(x, edges);
        double base = Matrices.mean(y);
        double[] residual = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            residual[i] = y[i] - base;
        }
        double[] importance = new double[features];
        List<Node> trees = new ArrayList<>();
        int[] all = new int[y.length];
        Arrays.setAll(all, i -> i);
        for (int t = 0; t < TREES; t++) {
            Node tree = grow(bins, residual, all, DEPTH, importance);
            for (int i = 0; i < y.length; i++) {
                residual[i] -= tree.predict(bins[i]);
            }
            trees.add(tree);
        }
        double total = Arrays.stream(importance).sum();
        if (total > 0) {
            for (int d = 0; d < features; d++) {
                importance[d] /= total;
            }
        }
        return new BoostedTrees(edges, base, trees, importance);
    }

    /** Importance of each input (sums to 1, or all 0 when no split helped). */
    double[] importance() {
        return importance.clone();
    }

    /** Predictions for the rows of {@code x}. */
    double[] predict(double[][] x) {
        int[][] bins = binAll(x, edges);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = base;
            for (Node tree : trees) {
                v += tree.predict(bins[i]);
            }
            out[i] = v;
        }
        return out;
    }

    private static Node grow(int[][] bins, double[] residual, int[] samples, int depth, double[] importance) {
        double sum = 0;
        for (int i : samples) {
            sum += residual[i];
        }
        Node leaf = new Node(-1, 0, null, null, LEARNING_RATE * sum / samples.length);
        if (depth == 0 || samples.length < 2 * MIN_LEAF) {
            return leaf;
        }
        int bestFeature = -1;
        int bestBin = 0;
        double bestGain = 1e-12;
        double[] binSum = new double[BINS];
        int[] binCount = new int[BINS];
        for (int d = 0; d < bins[0].length; d++) {
            Arrays.fill(binSum, 0);
            Arrays.fill(binCount, 0);
            for (int i : samples) {
                binSum[bins[i][d]] += residual[i];
                binCount[bins[i][d]]++;
            }
            double leftSum = 0;
            int leftCount = 0;
            for (int b = 0; b < BINS - 1; b++) {
                leftSum += binSum[b];
                leftCount += binCount[b];
                int rightCount = samples.length - leftCount;
                if (leftCount < MIN_LEAF || rightCount < MIN_LEAF) {
                    continue;
                }
                double rightSum = sum - leftSum;
                // Squared error removed by the split: sum^2/n of each side minus that of the parent.
                double gain =
                        leftSum * leftSum / leftCount + rightSum * rightSum / rightCount - sum * sum / samples.length;
                if (gain > bestGain) {
                    bestGain = gain;
                    bestFeature = d;
                    bestBin = b;
                }
            }
        }
        if (bestFeature < 0) {
            return leaf;
        }
        importance[bestFeature] += bestGain;
        final int f = bestFeature;
        final int cut = bestBin;
        int[] left = Arrays.stream(samples).filter(i -> bins[i][f] <= cut).toArray();
        int[] right = Arrays.stream(samples).filter(i -> bins[i][f] > cut).toArray();
        return new Node(
                f,
                cut,
                grow(bins, residual, left, depth - 1, importance),
                grow(bins, residual, right, depth - 1, importance),
                0);
    }

    /** Up to {@code BINS - 1} distinct cut points at the quantiles of {@code values}. */
    private static double[] quantileEdges(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] cuts = new double[BINS - 1];
        int n = 0;
        for (int q = 1; q < BINS; q++) {
            double c = sorted[Math.min(sorted.length - 1, (int) ((long) q * sorted.length / BINS))];
            if (n == 0 || c > cuts[n - 1]) {
                cuts[n++] = c;
            }
        }
        return Arrays.copyOf(cuts, n);
    }

    private static int[][] binAll(double[][] x, double[][] edges) {
        int[][] out = new int[x.length][edges.length];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < edges.length; d++) {
                // Bin = number of cut points at or below the value (values equal to a cut go right of it).
                int pos = Arrays.binarySearch(edges[d], x[i][d]);
                out[i][d] = pos >= 0 ? pos + 1 : -pos - 1;
            }
        }
        return out;
    }
}
