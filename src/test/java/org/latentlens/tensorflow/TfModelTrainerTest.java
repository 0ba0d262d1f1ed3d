package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.data.LabelRates;
import org.latentlens.core.data.Splits;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.train.CheckpointStore;
import org.latentlens.core.train.LabelMask;
import org.latentlens.core.train.LossTerm;
import org.latentlens.core.train.RunFolderException;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingException;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingProgress;
import org.latentlens.core.train.TrainingResult;
import org.latentlens.core.train.TrainingTricks;

/** Real training runs on tiny data (synthetic, or a folder of generated PNGs): 16 px, a few steps. */
class TfModelTrainerTest {
    @TempDir
    Path tmp;

    static TrainingConfig tiny(long steps) {
        return tiny("synthetic", List.of("Smiling", "Eyeglasses"), steps).build();
    }

    /** The tiny networks every test here trains (2 free dimensions, batch 4, 16 px), on {@code data}. */
    private static TrainingConfig.Builder tiny(String data, List<String> attributes, long steps) {
        return TrainingConfig.defaults(data, 16, attributes, steps).toBuilder()
                .freeDims(2)
                .batchSize(4)
                .seed(3)
                .baseChannels(4)
                .maxChannels(16)
                .hiddenUnits(16)
                .checkpointEvery(3)
                .sampleEvery(3)
                .emaDecay(0.99)
                .modelName("tiny-trained");
    }

    /** Records progress and messages. */
    static final class Recorder implements TrainingListener {
        final List<TrainingProgress> progress = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void onProgress(TrainingProgress p) {
            progress.add(p);
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    @Test
    void aFewStepsExportABundleWhoseFourSignaturesRun() throws Exception {
        Path run = tmp.resolve("run");
        Recorder rec = new Recorder();
        TrainingResult result = new TfModelTrainer().train(tiny(4), run, false, rec, () -> false);
        assertTrue(result.completed());
        assertEquals(4, result.step());
        assertEquals(
                List.of(1L, 2L, 3L, 4L),
                rec.progress.stream().map(TrainingProgress::step).toList());
        assertTrue(rec.progress.get(3).losses().values().stream().allMatch(Double::isFinite));
        assertTrue(Files.exists(run.resolve("samples/step-0000003.png")));
        try (GanModel model = new DjlModelLoader().load(run)) {
            assertEquals(4, model.manifest().training().steps());
            assertEquals(List.of("Smiling", "Eyeglasses"), model.manifest().attributes());
            // Random faces in the app draw each attribute as often as the images it learned from have it.
            ImageDataset data = Splits.training(Datasets.open("synthetic", 16, 3));
            double[] rates = LabelRates.positive(data);
            assertEquals(
                    (float) rates[data.attributes().indexOf("Eyeglasses")],
                    model.manifest().latent().get(1).presence());
            ImageBatch images = model.generate(FloatMatrix.ofRow(new float[] {1, -1, 0.3f, -0.2f}));
            assertEquals(16, images.height());
            assertEquals(4, model.encode(images).latent().cols());
            assertEquals(1, model.discriminate(images).realism().length);
            assertEquals(16 * 16, model.saliency(images).map(0).length);
        }
    }

    @Test
    void aWarmStartBeginsFromTheBundlesWeightsAndRefusesAnotherArchitecture() throws Exception {
        Path first = tmp.resolve("first");
        new TfModelTrainer().train(tiny(3), first, false, TrainingListener.NONE, () -> false);
        Map<String, float[]> exported;
        try (RawSessionGenerator raw = RawSessionGenerator.open(first)) {
            exported = raw.variables("");
        }
        Path second = tmp.resolve("second");
        Recorder rec = new Recorder();
        TrainingConfig warm = tiny(1).withTricks(TrainingTricks.NONE.withWarmStart(first.toString()));
        new TfModelTrainer().train(warm, second, false, rec, () -> false);
        assertTrue(
                rec.messages.get(0).startsWith("Starting from the weights of tiny-trained (3 steps)"),
                rec.messages.toString());
        var start = CheckpointStore.read(second.resolve("checkpoints").resolve("checkpoint-0.bin"));
        int compared = 0;
        for (var e : start.values().entrySet()) {
            String name = e.getKey();
            String source = name.startsWith("Gema.") ? "G." + name.substring(5) : name;
            if (exported.containsKey(source)) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(exported.get(source), e.getValue(), name);
                compared++;
            } else {
                for (float v : e.getValue()) {
                    assertEquals(0f, v, name + ": optimizer state starts fresh");
                }
            }
        }
        assertTrue(compared > exported.size(), "G, Gema, E and D all start from the bundle (" + compared + ")");
        assertTrue(new DjlModelLoader()
                .load(second)
                .manifest()
                .training()
                .hyperParameters()
                .get("warmStart")
                .endsWith("first"));

        TrainingConfig wider = TrainingConfig.defaults("synthetic", 16, List.of("Smiling", "Eyeglasses"), 1).toBuilder()
                .freeDims(2)
                .batchSize(4)
                .seed(3)
                .baseChannels(8)
                .maxChannels(16)
                .hiddenUnits(16)
                .checkpointEvery(3)
                .sampleEvery(3)
                .emaDecay(0.99)
                .modelName("wider")
                .build()
                .withTricks(TrainingTricks.NONE.withWarmStart(first.toString()));
        TrainingException e = assertThrows(
                TrainingException.class,
                () -> new TfModelTrainer()
                        .train(wider, tmp.resolve("third"), false, TrainingListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("trained with another architecture"), e.getMessage());
        TrainingException none = assertThrows(
                TrainingException.class,
                () -> new TfModelTrainer()
                        .train(
                                tiny(1).withTricks(TrainingTricks.NONE.withWarmStart(
                                        tmp.resolve("nowhere").toString())),
                                tmp.resolve("fourth"),
                                false,
                                TrainingListener.NONE,
                                () -> false));
        assertTrue(none.getMessage().contains("has no saved_model/saved_model.pb"), none.getMessage());
    }

    @Test
    void anEncoderOnlyRunChangesTheEncoderAndLeavesEveryImageTheSlidersMake() throws Exception {
        // With the minibatch statistic: D's running value is a variable no step of this run updates, yet the
        // checkpoints
        // and the bundle must carry it.
        Path first = tmp.resolve("first");
        new TfModelTrainer()
                .train(
                        tiny(3).withTricks(new TrainingTricks(0, 16, List.of(), 0, true, 0, 0, 0)),
                        first,
                        false,
                        TrainingListener.NONE,
                        () -> false);
        Path second = tmp.resolve("second");
        Recorder rec = new Recorder();
        TrainingConfig fit = tiny(4).withTricks(
                        new TrainingTricks(0, 16, List.of(), 0, true, 0, 0, 0, first.toString(), true, false, false));
        new TfModelTrainer().train(fit, second, false, rec, () -> false);
        assertTrue(
                rec.messages.get(0).startsWith("Fitting the encoder to the generator of tiny-trained"),
                rec.messages.toString());
        Map<String, float[]> before;
        Map<String, float[]> after;
        try (RawSessionGenerator a = RawSessionGenerator.open(first);
                RawSessionGenerator b = RawSessionGenerator.open(second)) {
            before = a.variables("");
            after = b.variables("");
        }
        assertEquals(before.keySet(), after.keySet());
        assertTrue(after.containsKey("Dstats.mbstd"), after.keySet().toString());
        int encoderChanged = 0;
        for (String name : before.keySet()) {
            boolean same = Arrays.equals(before.get(name), after.get(name));
            if (name.startsWith("E.")) {
                encoderChanged += same ? 0 : 1;
            } else {
                assertTrue(same, name + " must stay as the warm-started model has it");
            }
        }
        assertTrue(encoderChanged > 0, "the encoder trained");
        try (GanModel a = new DjlModelLoader().load(first);
                GanModel b = new DjlModelLoader().load(second)) {
            FloatMatrix code = FloatMatrix.ofRow(new float[] {1, -1, 0.3f, -0.2f});
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    a.generate(code).image(0), b.generate(code).image(0));
            assertEquals("true", b.manifest().training().hyperParameters().get("encoderOnly"));
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingTricks(0, 16, List.of(), 0, false, 0, 0, 0, "", true, false, false));
    }

    @Test
    void resumeContinuesFromTheStepItStoppedAt() throws Exception {
        Path run = tmp.resolve("run");
        new TfModelTrainer().train(tiny(3), run, false, TrainingListener.NONE, () -> false);
        Recorder rec = new Recorder();
        TrainingResult result = new TfModelTrainer().train(tiny(5), run, true, rec, () -> false);
        assertEquals(5, result.step());
        assertEquals(
                List.of(4L, 5L),
                rec.progress.stream().map(TrainingProgress::step).toList());
        assertTrue(rec.messages.get(0).contains("Resuming at step 3"), rec.messages.toString());
        TrainingException again = assertThrows(
                TrainingException.class,
                () -> new TfModelTrainer().train(tiny(5), run, false, TrainingListener.NONE, () -> false));
        assertTrue(again.getMessage().contains("already holds a training run"), again.getMessage());
        assertEquals(
                RunFolderException.Problem.HOLDS_A_RUN,
                ((RunFolderException) again).problem(),
                "the app offers Resume / New folder for it");
        RunFolderException nothing = assertThrows(
                RunFolderException.class,
                () -> new TfModelTrainer()
                        .train(tiny(5), tmp.resolve("empty"), true, TrainingListener.NONE, () -> false));
        assertEquals(RunFolderException.Problem.NOTHING_TO_RESUME, nothing.problem());
    }

    @Test
    void cancelCheckpointsAndExportsSoTheRunCanResume() throws Exception {
        Path run = tmp.resolve("run");
        AtomicLong steps = new AtomicLong();
        TrainingResult result =
                new TfModelTrainer().train(tiny(50), run, false, p -> steps.set(p.step()), () -> steps.get() >= 2);
        assertFalse(result.completed());
        assertEquals(2, result.step());
        assertEquals(
                2,
                new CheckpointStore(run.resolve("checkpoints"))
                        .latest()
                        .orElseThrow()
                        .step());
        assertTrue(Files.exists(run.resolve("saved_model/saved_model.pb")));
    }

    @Test
    void anExportRemovesEveryTemporaryAKilledRunLeft() throws Exception {
        Path run = tmp.resolve("run");
        new TfModelTrainer().train(tiny(3), run, false, TrainingListener.NONE, () -> false);
        List<Path> stale = List.of(
                run.resolve("checkpoints/checkpoint-4.bin.tmp"),
                run.resolve(SafeFiles.TEMP_PREFIX + "1-manifest.json"),
                run.resolve(SafeFiles.TEMP_PREFIX + "2-run.json"),
                run.resolve("samples/" + SafeFiles.TEMP_PREFIX + "3-step-0000004.png"),
                run.resolve(".saved_model.writing-5/saved_model.pb"));
        for (Path p : stale) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "killed while writing");
        }
        assertEquals(3, new TfModelTrainer().export(run));
        for (Path p : stale) {
            assertFalse(Files.exists(p), p + " is left");
        }
        assertFalse(Files.exists(run.resolve(".saved_model.writing-5")));
        assertTrue(Files.exists(run.resolve("samples/step-0000003.png")), "finished samples stay");
    }

    @Test
    void aNonFiniteLossRollsBackLowersTheLearningRateAndCarriesOn() throws Exception {
        Path run = tmp.resolve("run");
        Recorder rec = new Recorder();
        AtomicBoolean fired = new AtomicBoolean();
        // A transient fault: the first time step 5 runs, its inputs are NaN.
        TfModelTrainer trainer = new TfModelTrainer(step -> step == 5 && fired.compareAndSet(false, true));
        TrainingResult result = trainer.train(tiny(6), run, false, rec, () -> false);
        assertTrue(result.completed());
        assertTrue(
                rec.messages.stream()
                        .anyMatch(m -> m.contains("rolled back to step 3") && m.contains("learning rate to 1.0E-4")),
                rec.messages.toString());
        assertTrue(new CheckpointStore(run.resolve("checkpoints"))
                .latest()
                .orElseThrow()
                .allFinite());
    }

    @Test
    void persistentNonFiniteLossesStopWithAClearMessageAndExportNothing() throws Exception {
        Path run = tmp.resolve("run");
        TfModelTrainer trainer = new TfModelTrainer(step -> step >= 2);
        TrainingException e = assertThrows(
                TrainingException.class, () -> trainer.train(tiny(6), run, false, TrainingListener.NONE, () -> false));
        assertTrue(
                e.getMessage().contains("Training diverged") && e.getMessage().contains("--lr"), e.getMessage());
        assertFalse(Files.exists(run.resolve("saved_model")), "nothing is exported from a diverged run");
        assertTrue(new CheckpointStore(run.resolve("checkpoints"))
                .latest()
                .orElseThrow()
                .allFinite());
    }

    @Test
    void withoutLabelsTheAttributeTermsAreZeroButTrainingRuns() throws Exception {
        TrainingConfig none = tiny("synthetic", List.of("Smiling"), 3)
                .labelFraction(0.0)
                .modelName("unlabelled")
                .build();
        Recorder rec = new Recorder();
        new TfModelTrainer().train(none, tmp.resolve("run"), false, rec, () -> false);
        for (TrainingProgress p : rec.progress) {
            assertEquals(0.0, p.losses().get(LossTerm.ATTR_D), 0.0, "no label is used");
            assertTrue(p.losses().get(LossTerm.INFO) > 0, "the semantic (InfoGAN) term still trains");
        }
        Recorder all = new Recorder();
        new TfModelTrainer().train(tiny(3), tmp.resolve("run2"), false, all, () -> false);
        assertTrue(all.progress.get(0).losses().get(LossTerm.ATTR_D) > 0);
    }

    /** A folder of small random-colour PNGs (one in a sub-folder): unlabelled data, as folder: reads it. */
    private Path pictures(int count) throws Exception {
        Path root = tmp.resolve("pictures");
        Files.createDirectories(root.resolve("more"));
        Random r = new Random(5);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(24, 20, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillRect(0, 0, 24, 20);
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(r.nextInt(8), r.nextInt(6), 12, 12);
            g.dispose();
            ImageIO.write(
                    image,
                    "png",
                    root.resolve(i == 0 ? "more/p0.png" : "p" + i + ".png").toFile());
        }
        return root;
    }

    @Test
    void anUnlabelledFolderTrainsFreeDimensionsOnlyAndExportsABundleThatLoads() throws Exception {
        TrainingConfig c = tiny("folder:" + pictures(6), List.of(), 3)
                .freeDims(3)
                .modelName("unlabelled")
                .build();
        Recorder rec = new Recorder();
        Path run = tmp.resolve("run");
        assertTrue(new TfModelTrainer().train(c, run, false, rec, () -> false).completed());
        assertEquals(3, rec.progress.size());
        assertTrue(rec.progress.get(2).losses().values().stream().allMatch(Double::isFinite), rec.progress.toString());
        // Loaded untrusted: the export with zero-width attribute heads uses only allowed operations too.
        try (GanModel model = new DjlModelLoader().load(run)) {
            assertEquals(List.of(), model.manifest().attributes());
            assertEquals(3, model.manifest().latent().size());
            ImageBatch images = model.generate(FloatMatrix.ofRow(new float[] {0.5f, -1f, 0f}));
            assertEquals(16, images.height());
            assertEquals(3, model.encode(images).latent().cols());
            assertEquals(0, model.encode(images).attributeLogits().cols());
            assertEquals(0, model.discriminate(images).attributeLogits().cols());
            assertEquals(16 * 16, model.saliency(images).map(0).length);
        }
    }

    @Test
    void attributesAskedOfUnlabelledDataSayToLeaveThemOut() throws Exception {
        TrainingConfig c = tiny("folder:" + pictures(2), List.of("Smiling"), 3)
                .freeDims(3)
                .modelName("x")
                .build();
        TrainingException e = assertThrows(
                TrainingException.class,
                () -> new TfModelTrainer().train(c, tmp.resolve("r"), false, TrainingListener.NONE, () -> false));
        assertTrue(
                e.getMessage().contains("no attribute 'Smiling'")
                        && e.getMessage().contains("unlabelled")
                        && e.getMessage().contains("leave the attributes empty"),
                e.getMessage());
    }

    @Test
    void labelMaskKeepsTheRequestedShareFixedPerImage() {
        int kept = 0;
        for (int i = 0; i < 20_000; i++) {
            if (LabelMask.usesLabels(5, i, 0.3)) {
                kept++;
            }
            assertEquals(LabelMask.usesLabels(5, i, 0.3), LabelMask.usesLabels(5, i, 0.3));
        }
        assertEquals(0.3, kept / 20_000.0, 0.015);
        assertFalse(LabelMask.usesLabels(5, 1, 0.0));
        assertTrue(LabelMask.usesLabels(5, 1, 1.0));
    }

    @Test
    void anUnknownAttributeIsAClearError() {
        TrainingConfig bad =
                tiny("synthetic", List.of("Smilling"), 3).modelName("x").build();
        TrainingException e = assertThrows(
                TrainingException.class,
                () -> new TfModelTrainer().train(bad, tmp.resolve("r"), false, TrainingListener.NONE, () -> false));
        assertTrue(
                e.getMessage().contains("no attribute 'Smilling'")
                        && e.getMessage().contains("Smiling"),
                e.getMessage());
    }
}
