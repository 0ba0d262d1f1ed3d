package org.latentlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.eval.ComparisonTable;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.train.CheckpointStore;
import org.latentlens.core.train.CpuBudget;
import org.latentlens.core.train.RunSettings;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingTricks;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TfJudgeTrainer;
import org.latentlens.tensorflow.TfModelTrainer;
import picocli.CommandLine;

/** {@code train} with every ablation option, stopped by a CPU budget: a real tiny run. */
class TrainOptionsCliTest {
    @TempDir
    Path tmp;

    @Test
    void everyOptionReachesRunJsonAndTheManifestAndTheCpuBudgetStopsAndExports() throws Exception {
        Path run = tmp.resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                LatentLensCommand.create(new DjlModelLoader(), new TfModelTrainer(), new TfJudgeTrainer(), start -> {});
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(
                "train",
                "--size",
                "16",
                "--channels",
                "4",
                "--free",
                "2",
                "--batch",
                "4",
                "--attributes",
                "Smiling,Eyeglasses",
                "--steps",
                "100000",
                "--sample-every",
                "1000",
                "--checkpoint-every",
                "1000",
                "--cpu-minutes",
                "0.02",
                "--r1",
                "5",
                "--r1-every",
                "2",
                "--augment",
                "translation,cutout,color",
                "--d-lr",
                "0.0004",
                "--mbstd",
                "--ema",
                "0.9",
                "--weights",
                "info=2,attribute=0.5",
                "--threads",
                "2,1",
                "--prior",
                "data",
                "--bf16",
                "--out",
                run.toString());
        String text = out.toString();
        assertEquals(0, code, err + text);
        assertTrue(text.contains("CPU budget of 0.02 min reached at step"), text);
        var summary =
                Pattern.compile("steps (\\d+), cpu ([\\d.]+) s, wall [\\d.]+ s").matcher(text);
        assertTrue(summary.find(), text);
        long steps = Long.parseLong(summary.group(1));
        assertTrue(steps > 0 && steps < 100000, text);
        assertTrue(Double.parseDouble(summary.group(2)) >= 1.2, "at least the 1.2 s budget was used: " + text);
        var last = new CheckpointStore(run.resolve("checkpoints")).latest().orElseThrow();
        assertEquals(steps, last.step());
        assertTrue(
                last.scalars().get(CpuBudget.CHECKPOINT_KEY) >= 1.2,
                "the checkpoint carries the CPU time for --resume");

        TrainingConfig saved = RunSettings.read(run);
        assertEquals(
                new TrainingTricks(
                        5, 2, List.of("translation", "cutout", "color"), 4e-4, true, 0.02, 2, 1, "", false, true, true),
                saved.tricks());
        assertEquals(0.9, saved.emaDecay());
        assertEquals(2.0, saved.weights().info());
        assertEquals(0.5, saved.weights().attribute());

        try (GanModel model = new DjlModelLoader().load(run)) {
            var hp = model.manifest().training().hyperParameters();
            assertEquals("5.0", hp.get("r1Gamma"));
            assertEquals("translation,cutout,color", hp.get("augment"));
            assertEquals("true", hp.get("minibatchStd"));
            assertEquals("data", hp.get("prior"));
            assertEquals("bf16", hp.get("precision"), "the model card says how it was computed");
            assertEquals("2.0", hp.get("w.info"));
            assertEquals(steps, model.manifest().training().steps());
            // The loop's measured pace, which `compare` shows as s/step.
            assertTrue(ComparisonTable.secondsPerStep(model.manifest()) > 0, hp.toString());
            double cpuPerStep = Double.parseDouble(hp.get("cpuSecondsPerStep"));
            assertTrue(
                    cpuPerStep > 0 && cpuPerStep * steps <= Double.parseDouble(summary.group(2)) + 0.06,
                    "CPU per step times steps is at most the run's CPU time (printed to 0.1 s): " + hp);
            // The exported D scores an image the same alone as in a batch (it reads the stored real-batch statistic).
            ImageBatch three = model.generate(FloatMatrix.ofRows(List.of(
                    new float[] {1, -1, 0.3f, -0.2f}, new float[] {-1, 1, 0, 0.5f}, new float[] {1, 1, -0.4f, 0})));
            float[] inBatch = model.discriminate(three).realism();
            ImageBatch first = ImageBatch.of(List.of(three.image(0)), 16, 16, 3);
            float[] alone = model.discriminate(first).realism();
            assertEquals(1, alone.length);
            assertEquals(inBatch[0], alone[0], 1e-4);
            assertEquals(16 * 16, model.saliency(first).map(0).length);
        }
        // Augmentation lives in the training graph only: the exported graph has none of its inputs.
        String graph =
                new String(Files.readAllBytes(run.resolve("saved_model/saved_model.pb")), StandardCharsets.ISO_8859_1);
        assertFalse(graph.contains("augment"), "no augmentation in the exported model");
        assertTrue(graph.contains("Dstats.mbstd"), "the exported D reads the stored statistic");

        // Fine-tuning that model: its shape needs no restating, and a shape option that differs is refused.
        TrainingConfig fit = fineTuning(
                cli,
                run,
                "--warm-start",
                run.toString(),
                "--encoder-only",
                "--steps",
                "10",
                "--out",
                tmp.resolve("fit").toString());
        assertEquals(List.of(16, 4, 2), List.of(fit.imageSize(), fit.baseChannels(), fit.freeDims()));
        assertEquals(List.of("Smiling", "Eyeglasses"), fit.attributes());
        assertTrue(fit.tricks().minibatchStd() && fit.tricks().encoderOnly());
        assertEquals(0.9, fit.emaDecay(), "the model's EMA decay");
        assertEquals(2.0, fit.weights().info(), "the model's loss weights");
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> fineTuning(
                        cli,
                        run,
                        "--warm-start",
                        run.toString(),
                        "--size",
                        "32",
                        "--steps",
                        "10",
                        "--out",
                        tmp.resolve("fit2").toString()));
        assertTrue(
                wrong.getMessage().startsWith("--size 32 differs from the model to start from (16)"),
                wrong.getMessage());
    }

    private static TrainingConfig fineTuning(CommandLine cli, Path run, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = cli.parseArgs(all);
        return ((TrainCommand) parsed.subcommand().commandSpec().userObject()).config();
    }

    @Test
    void anUnknownPriorIsAClearError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> TrainCommand.parsePrior("skewed"));
        assertTrue(e.getMessage().contains("'balanced'") && e.getMessage().contains("'data'"), e.getMessage());
        assertEquals(false, TrainCommand.parsePrior(null));
        assertEquals(true, TrainCommand.parsePrior("data"));
    }
}
