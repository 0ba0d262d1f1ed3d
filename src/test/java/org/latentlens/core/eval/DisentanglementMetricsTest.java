package org.latentlens.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MIG, SAP and DCI on hand-made codes whose answers are known: a code that copies each factor into its own
 * dimension, the same code with its rows shuffled against the factors (no information left), and a code in which
 * one dimension mixes two factors.
 */
class DisentanglementMetricsTest {
    private static final int N = 3000;
    private final double[][] factors = new double[N][3];
    private final double[][] perfect = new double[N][4];
    private final double[][] shuffled = new double[N][];
    private final double[][] mixed = new double[N][4];

    DisentanglementMetricsTest() {
        Random r = new Random(11);
        for (int i = 0; i < N; i++) {
            factors[i][0] = r.nextDouble();
            factors[i][1] = r.nextDouble();
            factors[i][2] = r.nextBoolean() ? 1 : 0; // a binary factor, like glasses
            // Each factor in its own dimension, at another scale and offset, plus one dimension of pure noise.
            perfect[i] = new double[] {3 * factors[i][0] - 1, -2 * factors[i][1], factors[i][2] + 5, r.nextGaussian()};
            mixed[i] = new double[] {factors[i][0] + factors[i][1], r.nextGaussian(), factors[i][2], r.nextGaussian()};
        }
        Integer[] order = new Integer[N];
        for (int i = 0; i < N; i++) {
            order[i] = i;
        }
        Collections.shuffle(Arrays.asList(order), r);
        for (int i = 0; i < N; i++) {
            shuffled[i] = perfect[order[i]];
        }
    }

    @Test
    void migIsAboutOneForAPerfectCodeAboutZeroShuffledAndBetweenWhenTwoFactorsShareADimension() {
        double perfectMig = MutualInformationGap.score(perfect, factors);
        double shuffledMig = MutualInformationGap.score(shuffled, factors);
        double mixedMig = MutualInformationGap.score(mixed, factors);
        assertEquals(1, perfectMig, 0.05, "perfect code");
        assertEquals(0, shuffledMig, 0.03, "shuffled code");
        // The binary factor is still alone in its dimension (gap 1); the two mixed factors share one (small gaps).
        assertTrue(mixedMig > 0.34 && mixedMig < 0.8, "mixed code: " + mixedMig);
    }

    @Test
    void migDependsOnlyOnWhichFactorEachDimensionHoldsNotOnScaleOrOrderOfDimensions() {
        double[][] rescaled = new double[N][];
        for (int i = 0; i < N; i++) {
            rescaled[i] = new double[] {perfect[i][3], 100 * perfect[i][2], perfect[i][1] / 7, -perfect[i][0]};
        }
        assertEquals(MutualInformationGap.score(perfect, factors), MutualInformationGap.score(rescaled, factors), 1e-9);
    }

    @Test
    void sapIsAboutOneForAPerfectCodeAboutZeroShuffledAndBetweenWhenMixed() {
        assertEquals(1, SapScore.score(perfect, factors), 0.01);
        assertEquals(0, SapScore.score(shuffled, factors), 0.01);
        // Factors 0 and 1 each explain half of dimension 0's variance: R^2 0.5 against about 0, so a gap of 0.5;
        // the binary factor keeps its gap of 1: mean about (0.5 + 0.5 + 1) / 3.
        assertEquals(2.0 / 3, SapScore.score(mixed, factors), 0.05);
    }

    @Test
    void dciIsAboutOneForAPerfectCodeAboutZeroShuffledAndBetweenWhenMixed() {
        DciScores p = DciScores.of(perfect, factors);
        assertEquals(1, p.disentanglement(), 0.05, "perfect: " + p);
        assertEquals(1, p.completeness(), 0.05, "perfect: " + p);
        assertEquals(1, p.informativeness(), 0.02, "perfect: " + p);
        DciScores s = DciScores.of(shuffled, factors);
        assertEquals(0, s.informativeness(), 0.03, "shuffled: " + s);
        assertTrue(s.disentanglement() < 0.2 && s.completeness() < 0.2, "shuffled: " + s);
        DciScores m = DciScores.of(mixed, factors);
        // Dimension 0 serves two of three factors: 1 - log 2 / log 3 = 0.37 for it, 1 for dimension 2.
        assertTrue(m.disentanglement() > 0.4 && m.disentanglement() < 0.85, "mixed: " + m);
        // Each factor still lives in one dimension, and the sum of two uniform factors predicts each only in part.
        assertTrue(m.completeness() > 0.8, "mixed: " + m);
        assertTrue(m.informativeness() > 0.5 && m.informativeness() < 0.9, "mixed: " + m);
    }

    @Test
    void boostedTreesFindTheOneInputThatMattersAndPredictHeldOutRows() {
        Random r = new Random(3);
        double[][] x = new double[1000][3];
        double[] y = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            y[i] = Math.sin(x[i][1]) * 2;
        }
        BoostedTrees trees = BoostedTrees.fit(Arrays.copyOf(x, 800), Arrays.copyOf(y, 800));
        assertTrue(trees.importance()[1] > 0.98, Arrays.toString(trees.importance()));
        double[] predicted = trees.predict(Arrays.copyOfRange(x, 800, 1000));
        double err = 0;
        for (int i = 0; i < predicted.length; i++) {
            err += Math.abs(predicted[i] - y[800 + i]);
        }
        assertTrue(err / predicted.length < 0.1, "mean absolute error " + err / predicted.length);
    }

    @Test
    void tooFewCodeDimensionsOrMismatchedRowsSayWhat() {
        double[][] one = new double[N][1];
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MutualInformationGap.score(one, factors))
                .getMessage()
                .contains("two code dimensions"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SapScore.score(perfect, new double[5][3]))
                .getMessage()
                .contains("same"));
    }
}
