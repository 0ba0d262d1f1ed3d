package org.latentlens.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentlens.core.model.RealismCalibration.Band;

/** Quantiles from samples, percentiles by interpolation, and the bands the app words them in. */
class ScoreDistributionTest {
    private static final double EPS = 1e-9;

    /** The scores 0, 1, ..., 100 in a shuffled order: every percentile is its own score. */
    private static ScoreDistribution zeroToHundred() {
        double[] s = new double[101];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i * 37) % 101;
        }
        return ScoreDistribution.of(s, ScoreDistribution.PERCENTILES);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        assertArrayEquals(
                new double[] {1, 2, 3, 4, 5},
                ScoreDistribution.of(new double[] {5, 3, 1, 4, 2}, 5).quantiles(),
                EPS);
        assertArrayEquals(
                new double[] {1, 3, 5},
                ScoreDistribution.of(new double[] {5, 3, 1, 4, 2}, 3).quantiles(),
                EPS);
        // Two scores, eleven quantiles: straight interpolation from the lower to the higher.
        assertArrayEquals(
                new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                ScoreDistribution.of(new double[] {10, 0}, 11).quantiles(),
                EPS);
        // Type 7 (R, NumPy): the median of 1..4 is 2.5 and the 25th percentile 1.75.
        ScoreDistribution d = ScoreDistribution.of(new double[] {4, 1, 3, 2}, 5);
        assertArrayEquals(new double[] {1, 1.75, 2.5, 3.25, 4}, d.quantiles(), EPS);
        assertEquals(4, d.count());
        assertArrayEquals(
                new double[] {7, 7, 7},
                ScoreDistribution.of(new double[] {7}, 3).quantiles(),
                EPS);
    }

    @Test
    void percentileInvertsTheQuantiles() {
        ScoreDistribution d = zeroToHundred();
        assertEquals(62, d.percentile(62), EPS);
        assertEquals(37.5, d.percentile(37.5), EPS);
        assertEquals(0, d.percentile(0), EPS);
        assertEquals(100, d.percentile(100), EPS);
        assertEquals(41.3, d.percentile(d.quantile(0.413)), EPS);
        // Few quantiles: a score between two of them is placed linearly between their percentiles.
        ScoreDistribution coarse = ScoreDistribution.of(new double[] {0, 10, 30}, 3);
        assertEquals(25, coarse.percentile(5), EPS);
        assertEquals(75, coarse.percentile(20), EPS);
    }

    @Test
    void tiedScoresGetTheMiddleOfTheirRun() {
        ScoreDistribution d = ScoreDistribution.of(new double[] {0, 1, 1, 1, 2}, 5);
        assertArrayEquals(new double[] {0, 1, 1, 1, 2}, d.quantiles(), EPS);
        assertEquals(50, d.percentile(1), EPS, "half of the tied scores count as below");
        assertEquals(12.5, d.percentile(0.5), EPS);
        assertEquals(87.5, d.percentile(1.5), EPS);
        ScoreDistribution constant = ScoreDistribution.of(new double[] {3, 3, 3}, 101);
        assertEquals(50, constant.percentile(3), EPS);
        assertEquals(0, constant.percentile(2.9), EPS);
        assertEquals(100, constant.percentile(3.1), EPS);
    }

    @Test
    void scoresOutsideTheMeasuredRangeClampAndSaySo() {
        ScoreDistribution d = zeroToHundred();
        assertEquals(0, d.percentile(-5), EPS);
        assertEquals(100, d.percentile(1e9), EPS);
        assertTrue(d.isBelowAll(-0.001));
        assertFalse(d.isBelowAll(0));
        assertTrue(d.isAboveAll(100.001));
        assertFalse(d.isAboveAll(100));
        assertTrue(Double.isNaN(d.percentile(Double.NaN)));
    }

    @Test
    void refusesBrokenInput() {
        assertThrows(IllegalArgumentException.class, () -> ScoreDistribution.of(new double[0], 101));
        assertThrows(IllegalArgumentException.class, () -> ScoreDistribution.of(new double[] {1, Double.NaN}, 101));
        assertThrows(IllegalArgumentException.class, () -> new ScoreDistribution(10, new double[] {2, 1}));
        assertThrows(IllegalArgumentException.class, () -> new ScoreDistribution(10, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new ScoreDistribution(0, new double[] {1, 2}));
    }

    @Test
    void calibrationPlacesScoresInBands() {
        // Real faces score 0..100; the model's own samples score -50..50.
        double[] gen = new double[101];
        for (int i = 0; i < gen.length; i++) {
            gen[i] = i - 50;
        }
        RealismCalibration c = new RealismCalibration(
                zeroToHundred(), ScoreDistribution.of(gen, ScoreDistribution.PERCENTILES), "test");
        assertEquals(Band.BELOW_ALL_REAL, c.place(-1).band());
        assertEquals(Band.LESS_REAL_THAN_MOST, c.place(4.9).band());
        assertEquals(Band.TYPICAL, c.place(5).band(), "the 5th percentile itself is typical");
        assertEquals(Band.TYPICAL, c.place(95).band());
        assertEquals(Band.MORE_REAL_THAN_MOST, c.place(95.1).band());
        assertEquals(Band.ABOVE_ALL_REAL, c.place(100.5).band());
        assertEquals(62, c.place(62).realPercentile(), EPS);
        assertEquals(100, c.place(62).generatedPercentile(), EPS);
        assertFalse(c.place(-47.5).offModel(), "the model's own 2.5th percentile is still its region");
        assertTrue(c.place(-47.6).offModel());
    }
}
