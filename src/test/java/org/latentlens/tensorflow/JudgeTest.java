package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.data.Splits;
import org.latentlens.core.data.SyntheticDataset;
import org.latentlens.core.eval.Evaluator;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.model.GanModel;
import org.latentlens.tensorflow.graph.JudgeGraph;

class JudgeTest {
    @TempDir
    Path tmp;

    @Test
    void theJudgeGraphHoldsNoGeneratorAndItsTrainerTakesOnlyDatasets() {
        try (JudgeGraph g = new JudgeGraph(TfJudgeTrainer.architecture(16, 2))) {
            List<String> ops = g.operationNames();
            assertTrue(ops.stream().anyMatch(n -> n.startsWith("J.")), "the judge has its own weights");
            assertTrue(
                    ops.stream()
                            .noneMatch(n -> n.startsWith("G.")
                                    || n.startsWith("Gema.")
                                    || n.startsWith("E.")
                                    || n.startsWith("D.")),
                    "no generator, encoder or discriminator can feed it");
        }
        for (Method m : JudgeTrainer.class.getMethods()) {
            for (Class<?> p : m.getParameterTypes()) {
                assertTrue(!GanModel.class.isAssignableFrom(p), m + " must not take a model");
            }
        }
    }

    @Test
    void aJudgeTrainsOnRealImagesSavesLoadsAndFeedsTheEvaluator() throws Exception {
        ImageDataset data = new SyntheticDataset(4, 5000, 16);
        Judge judge = new TfJudgeTrainer()
                .train(
                        Splits.training(data),
                        Splits.heldOut(data),
                        List.of("Smiling", "Eyeglasses"),
                        16,
                        40,
                        tmp.resolve("judge"),
                        step -> {});
        judge.close();
        try (Judge loaded = new TfJudgeTrainer().load(tmp.resolve("judge"));
                GanModel model = new DjlModelLoader().load(TinyBundles.write(tmp.resolve("model"), 2))) {
            assertEquals(List.of("Smiling", "Eyeglasses"), loaded.attributes());
            assertEquals(2, loaded.info().heldOutAccuracy().size());
            assertTrue(loaded.info().meanAccuracy() > 0.5, "40 steps already beat chance: " + loaded.info());
            Map<String, Double> m = new Evaluator(model, loaded, line -> {})
                    .evaluate(Splits.heldOut(data), new Evaluator.Settings(16, 16, 40, 1))
                    .metrics();
            for (String key : List.of(
                    "steerability.Smiling",
                    "leakage.Eyeglasses",
                    "steerability.mean",
                    "reconstruction.psnr",
                    "reconstruction.ssim",
                    "reconstruction.attributeAgreement",
                    "realism.judgeFrechet")) {
                assertTrue(m.containsKey(key), key + " in " + m.keySet());
            }
            assertTrue(m.get("steerability.Smiling") >= 0 && m.get("steerability.Smiling") <= 1);
            assertTrue(
                    m.get("reconstruction.psnr") > 0 && m.get("reconstruction.psnr") < 40,
                    "a random model reconstructs badly");
            assertEquals(Evaluator.Settings.FRECHET_DRAWS, m.get("realism.judgeFrechet.draws"));

            // The Fréchet figure is the mean over draws of generated images, the first of which is one draw's
            // figure: with two draws, mean and sd must fit the first draw and one other exactly.
            Evaluator.Settings few = new Evaluator.Settings(4, 4, 40, 1, 1, 2, 0);
            double first = new Evaluator(model, loaded, line -> {})
                    .evaluate(Splits.heldOut(data), few.withFrechetDraws(1))
                    .metrics()
                    .get("realism.judgeFrechet");
            Map<String, Double> two = new Evaluator(model, loaded, line -> {})
                    .evaluate(Splits.heldOut(data), few.withFrechetDraws(2))
                    .metrics();
            double mean = two.get("realism.judgeFrechet");
            double second = 2 * mean - first;
            assertTrue(Math.abs(second - first) > 1e-6, "another draw gives another distance");
            assertEquals(Math.abs(first - second) / Math.sqrt(2), two.get("realism.judgeFrechet.sd"), 1e-6);
        }
    }
}
