package org.latentlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TfJudgeTrainer;
import org.latentlens.tensorflow.TfModelTrainer;
import org.latentlens.tensorflow.TinyBundles;
import picocli.CommandLine;

/** Bad numbers and bad output paths from the command line end in one clear line and lose nothing. */
class HostileInputCliTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli =
                LatentLensCommand.create(new DjlModelLoader(), new TfModelTrainer(), new TfJudgeTrainer(), start -> {});
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void assertOneClearLine(String expected) {
        assertTrue(err.toString().contains(expected), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void stripNeverReplacesAFolderAndNeedsAnOutputName() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 3);
        Path folder = Files.createDirectories(tmp.resolve("x.png"));
        Files.writeString(folder.resolve("keep.txt"), "precious");
        assertEquals(1, run("strip", bundle.toString(), "--out", folder.toString()));
        assertOneClearLine("is a folder; choose another output name (nothing was written)");
        assertEquals("precious", Files.readString(folder.resolve("keep.txt")));
        assertEquals(2, run("strip", bundle.toString()), "no --out: a usage error, nothing written to the working dir");
        assertTrue(err.toString().contains("Missing required option: '--out"), err.toString());
    }

    @Test
    void stripReplacesItsOutputsWholeAndCleansTemporariesOfKilledRuns() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 3);
        Path stale = Files.writeString(tmp.resolve(SafeFiles.TEMP_PREFIX + "dead-s.png"), "half");
        assertEquals(
                0, run("strip", bundle.toString(), "--out", tmp.resolve("s.png").toString()), err.toString());
        assertFalse(Files.exists(stale), "a killed run's temporary is removed");
        try (var files = Files.list(tmp)) {
            assertEquals(
                    0,
                    files.filter(f -> f.getFileName().toString().startsWith(".latent-lens-writing-"))
                            .count());
        }
        assertTrue(ImageIO.read(tmp.resolve("s.png").toFile()).getWidth() > 0);
    }

    @Test
    void zeroIntervalsAndRepeatsAreRefusedWithTheOptionName() {
        assertEquals(
                1,
                run(
                        "train",
                        "--steps",
                        "1",
                        "--checkpoint-every",
                        "0",
                        "--out",
                        tmp.resolve("r").toString()));
        assertOneClearLine("--checkpoint-every must be at least 1, not 0");
        assertEquals(
                1,
                run(
                        "train",
                        "--steps",
                        "1",
                        "--sample-every",
                        "0",
                        "--out",
                        tmp.resolve("r").toString()));
        assertOneClearLine("--sample-every must be at least 1, not 0");
        assertEquals(1, run("bench", "--repeats", "0"));
        assertOneClearLine("--repeats must be at least 1, not 0");
    }

    @Test
    void runJsonWithAnImpossibleSizeIsAMessageNotAStackTrace() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(
                run.resolve("run.json"),
                "{\"dataset\": \"synthetic\", \"imageSize\": 33, \"attributes\": [],"
                        + " \"freeDims\": 4, \"steps\": 10, \"batchSize\": 4, \"learningRate\": 0.0002, \"labelFraction\": 1.0,"
                        + " \"seed\": 1, \"baseChannels\": 4, \"maxChannels\": 16, \"hiddenUnits\": 16, \"weights\": {\"adversarial\": 1,"
                        + " \"attribute\": 1, \"info\": 1, \"latent\": 1, \"reconstruction\": 10, \"kl\": 0.02}, \"checkpointEvery\": 5,"
                        + " \"sampleEvery\": 5, \"emaDecay\": 0.999, \"modelName\": \"x\"}");
        assertEquals(1, run("export", run.toString()));
        assertOneClearLine("holds a setting that cannot be used: --size must be 32, 64 or 128, not 33");
    }

    @Test
    void manifestsWithNonFiniteNumbersAreRefusedByInfo() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 3);
        Path manifest = bundle.resolve("manifest.json");
        String good = Files.readString(manifest);
        Files.writeString(manifest, good.replaceFirst("\"default\": -?[0-9.]+", "\"default\": NaN"));
        assertEquals(1, run("info", bundle.toString()));
        assertOneClearLine("'latent.default' must hold finite numbers, not NaN");
        Files.writeString(manifest, good.replaceFirst("\"max\": [0-9.]+", "\"max\": Infinity"));
        assertEquals(1, run("info", bundle.toString()));
        assertOneClearLine("'latent.max' must hold finite numbers, not Infinity");
    }
}
