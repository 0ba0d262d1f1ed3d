package org.latentlens.core.eval;

/**
 * The separated attribute predictability score (SAP, Kumar et al. 2018) in disentanglement_lib's mode for continuous
 * factors: how well each code dimension alone predicts each factor is the R^2 of a linear fit of the factor on that
 * dimension (the squared correlation, 0 for a constant dimension); for each factor, the best dimension's R^2 minus
 * the second best; averaged over factors. A code that copies each factor into one dimension scores about 1, an
 * unrelated code about 0. Every factor is scored this way, the binary one (glasses) too (R^2 of a 0/1 variable is
 * its squared point-biserial correlation), so no classifier or threshold is trained.
 */
public final class SapScore {
    private SapScore() {}

    /** SAP of {@code codes} ([N][D], D at least 2) against {@code factors} ([N][K]); constant factors are left out. */
    public static double score(double[][] codes, double[][] factors) {
        Matrices.checkPaired(codes, factors);
        int dims = codes[0].length;
        if (dims < 2) {
            throw new IllegalArgumentException("SAP needs at least two code dimensions, not " + dims);
        }
        double[][] codeColumns = new double[dims][];
        double[] codeVariance = new double[dims];
        for (int d = 0; d < dims; d++) {
            codeColumns[d] = Matrices.column(codes, d);
            codeVariance[d] = Matrices.variance(codeColumns[d]);
        }
        double sum = 0;
        int scored = 0;
        for (int k = 0; k < factors[0].length; k++) {
            double[] y = Matrices.column(factors, k);
            double vy = Matrices.variance(y);
            if (vy <= 1e-12) {
                continue;
            }
            double best = 0;
            double second = 0;
            for (int d = 0; d < dims; d++) {
                double r2 = 0;
                if (codeVariance[d] > 1e-12) {
                    double c = Matrices.covariance(codeColumns[d], y);
                    r2 = c * c / (codeVariance[d] * vy);
                }
                if (r2 > best) {
                    second = best;
                    best = r2;
                } else if (r2 > second) {
                    second = r2;
                }
            }
            sum += best - second;
            scored++;
        }
        if (scored == 0) {
            throw new IllegalArgumentException("no factor varies across the " + codes.length + " samples");
        }
        return sum / scored;
    }
}
