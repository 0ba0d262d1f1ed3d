package org.latentlens.core.eval;

/**
 * The mutual information gap (MIG, Chen et al. 2018) as disentanglement_lib computes it (Locatello et al. 2019):
 * every code dimension and every ground-truth factor is cut into {@value #BINS} equal-width bins between its
 * minimum and maximum; for each factor, the plug-in mutual information with its most informative code dimension
 * minus that with the second most informative, divided by the factor's entropy; averaged over factors. A code that
 * copies each factor into one dimension scores about 1, a code unrelated to the factors about 0.
 *
 * <p>disentanglement_lib's factors are discrete already; ours are continuous, so they are binned the same way
 * as the code. Factors that take a single value (entropy 0) are left out.
 */
public final class MutualInformationGap {
    /** Bins per code dimension and per factor, as in disentanglement_lib. */
    public static final int BINS = 20;

    private MutualInformationGap() {}

    /**
     * MIG of {@code codes} ([N][D], D at least 2) against {@code factors} ([N][K]).
     *
     * @throws IllegalArgumentException when the shapes disagree, D is below 2 or no factor varies
     */
    public static double score(double[][] codes, double[][] factors) {
        Matrices.checkPaired(codes, factors);
        if (codes[0].length < 2) {
            throw new IllegalArgumentException("MIG needs at least two code dimensions, not " + codes[0].length);
        }
        int[][] code = new int[codes[0].length][];
        for (int d = 0; d < code.length; d++) {
            code[d] = Histograms.discretise(Matrices.column(codes, d), BINS);
        }
        double sum = 0;
        int scored = 0;
        for (int k = 0; k < factors[0].length; k++) {
            int[] factor = Histograms.discretise(Matrices.column(factors, k), BINS);
            double h = Histograms.entropy(factor);
            if (h <= 0) {
                continue;
            }
            double best = 0;
            double second = 0;
            for (int[] c : code) {
                double mi = Histograms.mutualInformation(c, factor);
                if (mi > best) {
                    second = best;
                    best = mi;
                } else if (mi > second) {
                    second = mi;
                }
            }
            sum += (best - second) / h;
            scored++;
        }
        if (scored == 0) {
            throw new IllegalArgumentException("no factor varies across the " + codes.length + " samples");
        }
        return sum / scored;
    }
}
