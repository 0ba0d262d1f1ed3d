package org.latentlens.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentlens.core.model.DimensionExplanation;
import org.latentlens.core.model.LatentLayout;

/** Naming dimensions from hand-made judged sweeps, and traversal monotonicity on hand-made sequences. */
class DimensionNamingTest {
    private static final List<String> ATTRS = List.of("Smiling", "Eyeglasses", "Beard");

    /** A sweep of 3 steps where each attribute's probability is given by a function of the step. */
    private static double[][] sweep(double[] smiling, double[] glasses, double[] beard) {
        double[][] s = new double[smiling.length][3];
        for (int k = 0; k < smiling.length; k++) {
            s[k] = new double[] {smiling[k], glasses[k], beard[k]};
        }
        return s;
    }

    private static final double[] RISE = {0.1, 0.5, 0.9};
    private static final double[] FALL = {0.9, 0.5, 0.1};
    private static final double[] LOW = {0.1, 0.12, 0.1};
    private static final double[] HIGH = {0.9, 0.9, 0.9};

    @Test
    void aDimensionIsNamedAfterTheAttributeItFlipsMostWithItsShareOfSweeps() {
        // Eyeglasses flips on in 3 of 4 sweeps; Smiling on in 1; Beard never.
        double[][][] sweeps = {
            sweep(LOW, RISE, LOW), sweep(LOW, RISE, HIGH), sweep(RISE, RISE, LOW), sweep(LOW, HIGH, LOW)
        };
        DimensionExplanation e = DimensionNaming.name(sweeps, ATTRS);
        assertEquals("Eyeglasses", e.attribute());
        assertEquals(0.75, e.steers(), 1e-12);
        assertTrue(e.increases());
        // In one of the three Eyeglasses-flipping sweeps another attribute (Smiling, 1 of 2 others) flipped too.
        assertEquals((0 + 0 + 0.5 + 0) / 4, e.leaks(), 1e-12);
        assertEquals("moves Eyeglasses, steers 0.75", e.describe());
    }

    @Test
    void aDimensionThatRemovesAnAttributeAsItRisesIsNamedWithTheDownwardDirection() {
        double[][][] sweeps = {sweep(FALL, LOW, LOW), sweep(FALL, LOW, LOW), sweep(RISE, LOW, LOW)};
        DimensionExplanation e = DimensionNaming.name(sweeps, ATTRS);
        assertEquals("Smiling", e.attribute());
        assertEquals(2.0 / 3, e.steers(), 1e-12);
        assertFalse(e.increases());
        assertEquals("moves Smiling (lower = more), steers 0.67", e.describe());
    }

    @Test
    void whenNothingFlipsTheLargestChangeNamesTheDimensionWithSteersZero() {
        double[] someBeard = {0.1, 0.2, 0.4};
        DimensionExplanation e = DimensionNaming.name(new double[][][] {sweep(LOW, LOW, someBeard)}, ATTRS);
        assertEquals("Beard", e.attribute());
        assertEquals(0, e.steers());
    }

    @Test
    void monotoneSweepsRiseOrFallWithoutSteppingBackMoreThanTheTolerance() {
        assertTrue(TraversalMonotonicity.isMonotone(new double[] {0.1, 0.3, 0.29, 0.8}), "a 0.01 wobble is allowed");
        assertTrue(TraversalMonotonicity.isMonotone(new double[] {0.9, 0.6, 0.2}));
        assertFalse(TraversalMonotonicity.isMonotone(new double[] {0.1, 0.7, 0.4, 0.9}), "steps back by 0.3");
        assertFalse(TraversalMonotonicity.isMonotone(new double[] {0.5, 0.9, 0.52}), "goes up and comes back");
        assertFalse(TraversalMonotonicity.moves(new double[] {0.5, 0.9, 0.52}));
        assertFalse(TraversalMonotonicity.isMonotone(new double[] {0.3, 0.3, 0.3}), "a flat sweep moves nothing");
        TraversalMonotonicity.Count c = TraversalMonotonicity.count(List.of(
                new double[] {0.1, 0.5, 0.9},
                new double[] {0.1, 0.9, 0.3},
                new double[] {0.2, 0.2, 0.21},
                new double[] {0.8, 0.5, 0.1}));
        assertEquals(3, c.moving(), "the flat one is left out");
        assertEquals(2, c.monotone());
        assertEquals(2.0 / 3, c.share(), 1e-12);
        assertTrue(Double.isNaN(TraversalMonotonicity.count(List.of()).share()));
    }

    @Test
    void findingsUseASemanticDimensionsOwnAttributeForMonotonicityAndPoolAllSweeps() {
        LatentLayout layout = LatentLayout.of(List.of("Smiling"), 1, 1.5f, 3f);
        double[] wobble = {0.1, 0.8, 0.3, 0.9};
        double[] rise = {0.1, 0.4, 0.6, 0.9};
        double[] low = {0.1, 0.1, 0.1, 0.1};
        Map<String, double[][][]> sweeps = new LinkedHashMap<>();
        // "Smiling" moves Eyeglasses more (2 flips) than Smiling (1 wobbly flip), but its monotonicity is Smiling's.
        sweeps.put("Smiling", new double[][][] {sweep4(wobble, rise, low), sweep4(low, rise, low)});
        // free_0 moves Beard in both sweeps, monotonically in one.
        sweeps.put("free_0", new double[][][] {sweep4(low, low, rise), sweep4(low, low, wobble)});
        DimensionNaming.Findings f = DimensionNaming.of(sweeps, layout, ATTRS);
        assertEquals("Eyeglasses", f.explained().get("Smiling").attribute());
        assertEquals("Beard", f.explained().get("free_0").attribute());
        assertEquals(0.0, f.metrics().get("monotonicity.Smiling"), "its one moving Smiling sweep wobbles");
        assertEquals(0.5, f.metrics().get("monotonicity.free_0"));
        assertEquals(1.0 / 3, f.metrics().get("monotonicity.mean"), 1e-12, "pooled: 1 monotone of 3 moving sweeps");
        // After the fact: Eyeglasses 1.0 (by "Smiling"), Beard 1.0 (by free_0), Smiling moved by no dimension: 0.
        assertEquals(0.0, f.metrics().get("explained.steerability.min"));
        assertEquals(2.0 / 3, f.metrics().get("explained.steerability.mean"), 1e-12);
    }

    private static double[][] sweep4(double[] smiling, double[] glasses, double[] beard) {
        return sweep(smiling, glasses, beard);
    }
}
