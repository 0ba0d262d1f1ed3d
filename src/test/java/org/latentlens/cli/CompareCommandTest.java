package org.latentlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.eval.Evaluator;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.model.Encoding;
import org.latentlens.core.model.ForwardingGanModel;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TfJudgeTrainer;
import org.latentlens.tensorflow.TfModelTrainer;
import org.latentlens.tensorflow.TinyBundles;
import picocli.CommandLine;

/**
 * {@code latent-lens compare} on two tiny models, one of them without an encoder (as a GAN): one Markdown row each,
 * with the figures that evaluating each model directly through the same judge gives.
 */
class CompareCommandTest {
    @TempDir
    Path tmp;

    private static final String[] SMALL = {
        "--judge-steps",
        "10",
        "--interventions",
        "4",
        "--images",
        "8",
        "--frechet-images",
        "16",
        "--sweeps",
        "3",
        "--sweep-steps",
        "3",
        "--factor-samples",
        "60"
    };

    @Test
    void everyModelGetsARowWithTheFiguresOfItsOwnEvaluationAndAGanGetsNaForEncoderFigures() throws Exception {
        Path withEncoder = TinyBundles.write(tmp.resolve("with-encoder"), 4);
        Path gan = TinyBundles.write(tmp.resolve("gan"), 5);
        DjlModelLoader real = new DjlModelLoader();
        ModelLoader loader = dir -> dir.equals(gan) ? new WithoutEncoder(real.load(dir)) : real.load(dir);
        Path md = tmp.resolve("out/table.md");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LatentLensCommand.create(loader, new TfModelTrainer(), new TfJudgeTrainer(), start -> {});
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = concat(
                new String[] {"compare", withEncoder.toString(), gan.toString(), "--markdown", md.toString()}, SMALL);
        assertEquals(0, cli.execute(args), err + "\n" + out);

        List<String> lines = Files.readAllLines(md);
        assertTrue(lines.get(0).startsWith("| model | steerability min / mean | leakage | PSNR (dB) |"), lines.get(0));
        List<String> encoderRow = cells(lines, "with-encoder");
        List<String> ganRow = cells(lines, "gan");

        // The same judge (now kept in the first bundle) and settings, run directly.
        CompareCommand settings = new CompareCommand(loader, null);
        new CommandLine(settings).parseArgs(concat(new String[] {"x"}, SMALL));
        Evaluator.Settings s = settings.settings();
        ImageDataset data = Datasets.open("synthetic", TinyBundles.SIZE, 1);
        try (Judge judge = new TfJudgeTrainer().load(withEncoder.resolve(BundleEvaluation.JUDGE_DIR));
                GanModel a = loader.load(withEncoder);
                GanModel b = loader.load(gan)) {
            assertEquals(data.attributes(), judge.attributes(), "one judge of every attribute of the data");
            Map<String, Double> ma =
                    BundleEvaluation.measure(a, judge, data, s, line -> {}).metrics();
            Map<String, Double> mb =
                    BundleEvaluation.measure(b, judge, data, s, line -> {}).metrics();

            assertEquals(
                    f(ma, "steerability.Smiling", "steerability.Eyeglasses", "min") + " / "
                            + f(ma, "steerability.mean"),
                    encoderRow.get(1));
            assertEquals(f(ma, "leakage.mean"), encoderRow.get(2));
            assertEquals(String.format(Locale.ROOT, "%.2f", ma.get("reconstruction.psnr")), encoderRow.get(3));
            assertEquals(f(ma, "reconstruction.ssim"), encoderRow.get(4));
            assertEquals(f(ma, "realism.judgeFrechet"), encoderRow.get(5));
            assertEquals(f(ma, "disentanglement.mig"), encoderRow.get(6));
            assertEquals(f(ma, "disentanglement.sap"), encoderRow.get(7));
            assertEquals(
                    String.format(
                            Locale.ROOT,
                            "%.2f / %.2f / %.2f",
                            ma.get("disentanglement.dci.disentanglement"),
                            ma.get("disentanglement.dci.completeness"),
                            ma.get("disentanglement.dci.informativeness")),
                    encoderRow.get(8));
            assertEquals(ma.containsKey("monotonicity.mean") ? f(ma, "monotonicity.mean") : "n/a", encoderRow.get(9));
            assertEquals("n/a", encoderRow.get(10), "TinyBundles record no training time");

            assertEquals(
                    f(mb, "steerability.Smiling", "steerability.Eyeglasses", "min") + " / "
                            + f(mb, "steerability.mean"),
                    ganRow.get(1));
            assertEquals(f(mb, "realism.judgeFrechet"), ganRow.get(5));
            for (int col : new int[] {3, 4, 6, 7, 8}) {
                assertEquals(
                        "n/a", ganRow.get(col), "no encoder, no " + lines.get(0).split("\\|")[col + 1]);
            }
            assertTrue(!mb.containsKey("reconstruction.psnr") && !mb.containsKey("disentanglement.mig"), mb.toString());
        }
        assertTrue(out.toString().contains("with-encoder") && out.toString().contains("MIG"), out.toString());
    }

    @Test
    void modelsOfDifferentSizesAreRefusedWithTheReason() throws Exception {
        Path a = TinyBundles.write(tmp.resolve("a"), 4);
        Path b = tmp.resolve("b");
        Files.createDirectories(b);
        ModelManifest m = ManifestJson.read(a);
        ManifestJson.write(
                new ModelManifest(
                        m.formatVersion(),
                        m.name(),
                        m.description(),
                        ImageSpec.rgbSquare(32),
                        m.latent(),
                        m.attributes(),
                        m.signatures(),
                        m.training(),
                        m.metrics()),
                b);
        StringWriter err = new StringWriter();
        CommandLine cli =
                LatentLensCommand.create(new DjlModelLoader(), new TfModelTrainer(), new TfJudgeTrainer(), start -> {});
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("compare", a.toString(), b.toString()));
        assertTrue(
                err.toString().contains("makes 32 px images") && err.toString().contains("one size"), err.toString());
    }

    private static List<String> cells(List<String> lines, String model) {
        String row = lines.stream()
                .filter(l -> l.startsWith("| " + model + " |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + model + " in\n" + String.join("\n", lines)));
        String[] parts = row.split("\\|");
        return Arrays.stream(parts, 1, parts.length).map(String::trim).toList();
    }

    private static String f(Map<String, Double> m, String key) {
        return String.format(Locale.ROOT, "%.3f", m.get(key));
    }

    private static String f(Map<String, Double> m, String a, String b, String min) {
        return String.format(Locale.ROOT, "%.3f", Math.min(m.get(a), m.get(b)));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A real model with its encoder hidden, as a GAN has none. */
    private static final class WithoutEncoder extends ForwardingGanModel {
        WithoutEncoder(GanModel model) {
            super(model);
        }

        @Override
        public boolean supports(ModelRole role) {
            return role != ModelRole.ENCODE && delegate().supports(role);
        }

        @Override
        public Encoding encode(ImageBatch images) {
            throw new UnsupportedOperationException("no encoder");
        }
    }
}
