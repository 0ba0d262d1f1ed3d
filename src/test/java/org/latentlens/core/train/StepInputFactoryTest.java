package org.latentlens.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentlens.core.data.Batch;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.model.ImageBatch;

/** The generated images of training draw attributes half the time, or as often as the data has them (--prior data). */
class StepInputFactoryTest {
    private static final List<String> ATTRS = List.of("Young", "White", "Black", "Asian");
    private static final float[] SHARES = {0.8f, 0.6f, 0.05f, 0.35f};

    private static TrainingConfig config(boolean dataPrior) {
        return config(dataPrior, 0);
    }

    private static TrainingConfig config(boolean dataPrior, double openingShare) {
        TrainingTricks t = TrainingTricks.NONE;
        return TrainingConfig.defaults("x", 16, ATTRS, 10).toBuilder()
                .freeDims(2)
                .batchSize(64)
                .categoricals(List.of(new CategoricalFactor("Race", List.of("White", "Black", "Asian"))))
                .tricks(new TrainingTricks(
                        t.r1Gamma(),
                        t.r1Every(),
                        t.augment(),
                        0,
                        false,
                        0,
                        0,
                        0,
                        "",
                        false,
                        dataPrior,
                        false,
                        openingShare))
                .build();
    }

    /** Share of generated rows drawn with each attribute present, over many steps. */
    private static double[] presentShares(boolean dataPrior) {
        TrainingConfig c = config(dataPrior);
        StepInputFactory f = new StepInputFactory(c, new int[] {0, 1, 2, 3}, SHARES);
        int n = 64;
        Batch batch = new Batch(new ImageBatch(n, 1, 1, 1, new float[n]), new float[n * 4], 4, 0, new int[n]);
        Random r = new Random(9);
        double[] present = new double[4];
        int rows = 0;
        for (int step = 1; step <= 200; step++) {
            StepInputs in = f.create(batch, step, 1e-4, r);
            for (int row = 0; row < n; row++) {
                int race = 0;
                for (int j = 0; j < 4; j++) {
                    boolean on = in.semantic()[row * 4 + j] > 0;
                    assertEquals(on ? 1f : 0f, in.semanticTarget()[row * 4 + j]);
                    present[j] += on ? 1 : 0;
                    race += j > 0 && on ? 1 : 0;
                }
                assertEquals(1, race, "one race per generated face");
                rows++;
            }
        }
        for (int j = 0; j < 4; j++) {
            present[j] /= rows;
        }
        return present;
    }

    @Test
    void byDefaultEveryAttributeAndEveryValueIsDrawnEquallyOften() {
        double[] p = presentShares(false);
        assertEquals(0.5, p[0], 0.02);
        for (int j = 1; j < 4; j++) {
            assertEquals(1 / 3.0, p[j], 0.02, "value " + j);
        }
    }

    @Test
    void withTheDataPriorAttributesComeAsOftenAsInTheTrainingImages() {
        double[] p = presentShares(true);
        assertEquals(0.8, p[0], 0.02);
        assertEquals(0.6, p[1], 0.02);
        assertEquals(0.05, p[2], 0.01);
        assertEquals(0.35, p[3], 0.02);
        assertTrue(config(true).hyperParameters().get("prior").equals("data"));
    }

    @Test
    void anOpeningShareShrinksThatShareOfFreePartsAndLeavesEveryOtherDrawAsItWas() {
        int n = 64;
        Batch batch = new Batch(new ImageBatch(n, 1, 1, 1, new float[n]), new float[n * 4], 4, 0, new int[n]);
        StepInputFactory plain = new StepInputFactory(config(false), new int[] {0, 1, 2, 3}, SHARES);
        StepInputFactory opening = new StepInputFactory(config(false, 0.25), new int[] {0, 1, 2, 3}, SHARES);
        int shrunk = 0;
        int rows = 0;
        double scales = 0;
        for (int step = 1; step <= 50; step++) {
            // One seed per step for both: the extra draws come after all others, so everything else is the same.
            StepInputs p = plain.create(batch, step, 1e-4, new Random(step));
            StepInputs o = opening.create(batch, step, 1e-4, new Random(step));
            assertArrayEquals(p.semantic(), o.semantic());
            assertArrayEquals(p.noise(), o.noise());
            for (int row = 0; row < n; row++) {
                float x0 = p.free()[row * 2];
                float x1 = p.free()[row * 2 + 1];
                float y0 = o.free()[row * 2];
                float y1 = o.free()[row * 2 + 1];
                rows++;
                if (y0 != x0 || y1 != x1) {
                    double scale = y0 / x0;
                    assertEquals(scale, y1 / x1, 1e-4, "both free values of a row shrink by one factor");
                    assertTrue(scale >= 0 && scale < 1, "a factor in [0, 1): " + scale);
                    scales += scale;
                    shrunk++;
                }
            }
        }
        assertEquals(0.25, shrunk / (double) rows, 0.03);
        assertEquals(0.5, scales / shrunk, 0.05);
        assertEquals("0.25", config(false, 0.25).hyperParameters().get("openingShare"));
        assertEquals(null, config(false).hyperParameters().get("openingShare"));
    }
}
