package org.latentlens.tensorflow.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentlens.core.train.LossTerm;
import org.latentlens.core.train.LossWeights;
import org.latentlens.core.train.Recipe;
import org.latentlens.core.train.TrainingTricks;

/** Each ablation option changes the training computation as documented, and only that. Tiny 16 px graphs. */
class TrainingTricksGraphTest {
    private static final int N = 4;
    private static final int SIZE = 16;
    private static final GanArchitecture ARCH = new GanArchitecture(SIZE, 3, 2, 3, 2, 4, 16, 16);

    private static TrainingGraph.StepInput input(long step) {
        return input(step, 2);
    }

    /** Step inputs for a model of {@code codes} semantic codes (and as many attributes); 2 uses fixed codes. */
    private static TrainingGraph.StepInput input(long step, int codes) {
        Random r = new Random(1);
        float[] images = new float[N * SIZE * SIZE * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat() * 2 - 1;
        }
        float[] semantic = codes == 2 ? new float[] {1, -1, 0.7f, 1.2f, -0.8f, -1.3f, 1, 0.6f} : new float[N * codes];
        float[] target = new float[semantic.length];
        for (int i = 0; i < semantic.length; i++) {
            target[i] = semantic[i] > 0 ? 1 : 0;
        }
        float[] free = new float[N * 3];
        float[] noise = new float[N * 3];
        for (int i = 0; i < free.length; i++) {
            free[i] = (float) r.nextGaussian();
            noise[i] = (float) r.nextGaussian();
        }
        float[] labels = codes == 2 ? new float[] {1, -1, -1, 1, 1, 1, -1, -1} : new float[N * codes];
        float[] mask = new float[N * codes];
        Arrays.fill(mask, 1f);
        return new TrainingGraph.StepInput(
                N,
                images,
                labels,
                mask,
                semantic,
                target,
                free,
                noise,
                1e-3f,
                TrainingGraph.BETA1,
                TrainingGraph.BETA2,
                0.5f,
                step);
    }

    private static TrainingTricks tricks(double r1, int r1Every, List<String> augment) {
        return new TrainingTricks(r1, r1Every, augment, 0, false, 0, 0, 0);
    }

    /** Weights before and after one step from the same initial weights, and the step's losses. */
    private record OneStep(Map<String, float[]> before, Map<String, float[]> after, Map<LossTerm, Double> losses) {}

    private static OneStep oneStep(TrainingTricks t, double dRatio) {
        try (TrainingGraph g = new TrainingGraph(ARCH, LossWeights.DEFAULT, t, dRatio, 7)) {
            g.initialize(3);
            Map<String, float[]> before = g.state();
            Map<LossTerm, Double> losses = g.step(input(1));
            return new OneStep(before, g.state(), losses);
        }
    }

    private static OneStep plainStep;

    /** The recipe without options, computed once for the comparisons. */
    private static synchronized OneStep plain() {
        if (plainStep == null) {
            plainStep = oneStep(TrainingTricks.NONE, 1);
        }
        return plainStep;
    }

    @Test
    void bf16ComputesTheSameStepToBfloat16sPrecisionAndKeepsFloat32Weights() {
        // Channels of 8 and more (the layers that go bfloat16) at 16 px: 8 to 16 maps, so most convolutions do.
        GanArchitecture wide = new GanArchitecture(SIZE, 3, 2, 3, 2, 8, 16, 16);
        OneStep fp32;
        OneStep bf16;
        try (TrainingGraph g = new TrainingGraph(wide, LossWeights.DEFAULT, TrainingTricks.NONE, 1, 7)) {
            g.initialize(3);
            Map<String, float[]> before = g.state();
            fp32 = new OneStep(before, null, g.step(input(1)));
        }
        try (TrainingGraph g = new TrainingGraph(wide, LossWeights.DEFAULT, TrainingTricks.NONE.withBf16(true), 1, 7)) {
            g.initialize(3);
            Map<String, float[]> before = g.state();
            bf16 = new OneStep(before, null, g.step(input(1)));
            assertEquals(fp32.before().keySet(), bf16.before().keySet(), "the same float32 variables");
            assertArrayEquals(fp32.before().get("G.fc.w"), bf16.before().get("G.fc.w"), "from the same weights");
        }
        boolean anyDiffers = false;
        for (LossTerm term : fp32.losses().keySet()) {
            double a = fp32.losses().get(term);
            double b = bf16.losses().get(term);
            assertTrue(Double.isFinite(b), term + " is finite in bfloat16");
            // bfloat16 keeps 8 significant bits (relative rounding 0.4 %); a few layers of it stay within a few %.
            assertEquals(a, b, 0.03 * Math.abs(a) + 1e-3, term + ": float32 " + a + ", bfloat16 " + b);
            anyDiffers |= a != b;
        }
        assertTrue(anyDiffers, "the convolutions really computed in bfloat16: " + fp32.losses() + " " + bf16.losses());
    }

    @Test
    void r1IsAPositivePenaltyThatMovesDsWeightsAndNothingElse() {
        Map<String, float[]> plain = plain().after();
        OneStep r1 = oneStep(tricks(100, 1, List.of()), 1);
        Map<String, float[]> withR1 = r1.after();
        assertFalse(Arrays.equals(plain.get("D.realism.w"), withR1.get("D.realism.w")), "R1 reaches D's head");
        assertFalse(
                Arrays.equals(plain.get("D.from_rgb.w"), withR1.get("D.from_rgb.w")),
                "R1 reaches D's first layer (a second-order gradient through every layer)");
        // The penalty does not depend on D's attribute head; G's and E's gradients are taken before D's update.
        assertArrayEquals(plain.get("D.attributes.w"), withR1.get("D.attributes.w"));
        assertArrayEquals(plain.get("G.fc.w"), withR1.get("G.fc.w"));
        assertArrayEquals(plain.get("E.fc.w"), withR1.get("E.fc.w"));
        double penalty = r1.losses().get(LossTerm.R1);
        assertTrue(penalty > 0 && Double.isFinite(penalty), "E|grad_x D(x)|^2 = " + penalty);
        assertFalse(plain().losses().containsKey(LossTerm.R1));
    }

    @Test
    void lazyR1AppliesOnlyEveryNthStep() {
        try (TrainingGraph g = new TrainingGraph(ARCH, LossWeights.DEFAULT, tricks(10, 2, List.of()), 1, 7)) {
            g.initialize(3);
            assertFalse(g.step(input(1)).containsKey(LossTerm.R1));
            assertTrue(g.step(input(2)).containsKey(LossTerm.R1));
            assertFalse(g.step(input(3)).containsKey(LossTerm.R1));
        }
    }

    @Test
    void aSeparateDLearningRateScalesOnlyDsStep() {
        Map<String, float[]> before = plain().before();
        Map<String, float[]> same = plain().after();
        Map<String, float[]> doubled = oneStep(TrainingTricks.NONE, 2).after();
        // Adam's first step moves each weight by lr * g / (|g| + eps): twice the rate, twice the move.
        float[] w0 = before.get("D.fc.w");
        float[] w1 = same.get("D.fc.w");
        float[] w2 = doubled.get("D.fc.w");
        for (int i = 0; i < w0.length; i++) {
            assertEquals(2 * (w1[i] - w0[i]), w2[i] - w0[i], 1e-6, "D.fc.w[" + i + "]");
        }
        assertArrayEquals(same.get("G.fc.w"), doubled.get("G.fc.w"));
    }

    @Test
    void translationShiftsEachRealImageByWholePixelsWithZeroFill() {
        TrainingGraph.StepInput in = input(5);
        try (TrainingGraph g =
                new TrainingGraph(ARCH, LossWeights.DEFAULT, tricks(0, 1, List.of("translation")), 1, 7)) {
            float[] seen = g.realImagesSeenByD(in);
            assertFalse(Arrays.equals(in.images(), seen), "D sees other images than the batch");
            assertArrayEquals(seen, g.realImagesSeenByD(in), "the same step draws the same shifts");
            assertFalse(Arrays.equals(seen, g.realImagesSeenByD(input(6))), "another step, other shifts");
            int image = SIZE * SIZE * 3;
            for (int b = 0; b < N; b++) {
                float[] x = Arrays.copyOfRange(in.images(), b * image, (b + 1) * image);
                float[] y = Arrays.copyOfRange(seen, b * image, (b + 1) * image);
                assertTrue(isShift(x, y, SIZE / 8), "image " + b + " is a shift of at most 2 pixels of the batch's");
            }
        }
    }

    /** Whether y is x moved by (dy, dx), |dy|, |dx| <= max, with zeros where x has no pixel. */
    private static boolean isShift(float[] x, float[] y, int max) {
        for (int dy = -max; dy <= max; dy++) {
            for (int dx = -max; dx <= max; dx++) {
                boolean all = true;
                for (int i = 0; i < SIZE && all; i++) {
                    for (int j = 0; j < SIZE && all; j++) {
                        for (int c = 0; c < 3 && all; c++) {
                            int si = i + dy;
                            int sj = j + dx;
                            float want =
                                    si >= 0 && si < SIZE && sj >= 0 && sj < SIZE ? x[(si * SIZE + sj) * 3 + c] : 0f;
                            all = Math.abs(want - y[(i * SIZE + j) * 3 + c]) < 1e-6;
                        }
                    }
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void cutoutBlanksASquareAndColourChangesEveryPixel() {
        TrainingGraph.StepInput in = input(1);
        try (TrainingGraph g = new TrainingGraph(ARCH, LossWeights.DEFAULT, tricks(0, 1, List.of("cutout")), 1, 7)) {
            float[] seen = g.realImagesSeenByD(in);
            int image = SIZE * SIZE * 3;
            for (int b = 0; b < N; b++) {
                int zeros = 0;
                for (int i = b * image; i < (b + 1) * image; i++) {
                    if (seen[i] == 0f) {
                        zeros++;
                    } else {
                        assertEquals(in.images()[i], seen[i], 0f, "outside the square the image is untouched");
                    }
                }
                // A square of half the side (8x8 = 64 pixels) centred anywhere: between a quarter of it and all of it.
                assertTrue(zeros >= 16 * 3 && zeros <= 64 * 3, "image " + b + ": " + zeros / 3 + " pixels cut out");
            }
        }
        try (TrainingGraph g = new TrainingGraph(ARCH, LossWeights.DEFAULT, tricks(0, 1, List.of("color")), 1, 7)) {
            float[] seen = g.realImagesSeenByD(in);
            int changed = 0;
            for (int i = 0; i < seen.length; i++) {
                changed += Math.abs(seen[i] - in.images()[i]) > 1e-4 ? 1 : 0;
            }
            assertTrue(changed > seen.length * 0.95, changed + " of " + seen.length + " values changed");
        }
    }

    @Test
    void augmentationsTrainThroughR1AndTheMinibatchStdFeature() {
        GanArchitecture mbstd = new GanArchitecture(SIZE, 3, 2, 3, 2, 4, 16, 16, true);
        TrainingTricks all = new TrainingTricks(10, 1, TrainingTricks.AUGMENTATIONS, 4e-4, true, 0, 0, 0);
        try (TrainingGraph g = new TrainingGraph(mbstd, LossWeights.DEFAULT, all, 2, 7)) {
            g.initialize(3);
            Map<LossTerm, Double> losses = g.step(input(1));
            assertTrue(losses.values().stream().allMatch(Double::isFinite), losses.toString());
            Map<String, float[]> state = g.state();
            // D's dense layer reads the 4x4 maps plus the feature map: 16 * (16 + 1) inputs.
            assertEquals(16 * 17 * 16, state.get("D.fc.w").length);
            assertEquals(16 * 16 * 16, state.get("E.fc.w").length, "E has no such feature");
            float running = state.get("Dstats.mbstd")[0];
            assertTrue(running > 0, "the real batches' average is recorded: " + running);
            assertTrue(TrainingGraph.exportWeights(state).containsKey("Dstats.mbstd"), "and exported with D");
            assertNotEquals(0f, state.get("D.fc.w")[16 * 16]);
        }
    }

    @Test
    void everyRecipeWithADiscriminatorTakesEveryOption() {
        TrainingTricks all = new TrainingTricks(10, 1, TrainingTricks.AUGMENTATIONS, 4e-4, true, 0, 0, 0);
        for (Recipe recipe : List.of(Recipe.GAN, Recipe.VAE_GAN, Recipe.INFOGAN, Recipe.SS_INFOGAN)) {
            int codes = recipe.hasCodes() ? 2 : 0;
            GanArchitecture arch = new GanArchitecture(SIZE, 3, codes, 3, codes, 4, 16, 16, true);
            try (TrainingGraph g = new TrainingGraph(arch, recipe, recipe.weights(SIZE, 16, null), all, 2, 7)) {
                g.initialize(3);
                TrainingGraph.StepInput in = input(1, codes);
                assertFalse(Arrays.equals(in.images(), g.realImagesSeenByD(in)), recipe + ": D sees augmented x");
                Map<LossTerm, Double> losses = g.step(in);
                assertTrue(losses.values().stream().allMatch(Double::isFinite), recipe + ": " + losses);
                assertTrue(losses.get(LossTerm.R1) > 0, recipe + ": R1 is computed on D's real images: " + losses);
                Map<String, float[]> state = g.state();
                assertEquals(16 * 17 * 16, state.get("D.fc.w").length, recipe + ": D reads the minibatch std feature");
                assertTrue(state.get("Dstats.mbstd")[0] > 0, recipe + ": the real batches' average is recorded");
            }
        }
    }

    @Test
    void aRecipeWithoutADiscriminatorRefusesItsOptions() {
        GanArchitecture arch = new GanArchitecture(SIZE, 3, 0, 3, 0, 4, 16, 16);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingGraph(
                        arch, Recipe.AE, Recipe.AE.weights(SIZE, 16, null), tricks(10, 1, List.of()), 1, 7));
        assertTrue(e.getMessage().contains("ae has none"), e.getMessage());
    }
}
