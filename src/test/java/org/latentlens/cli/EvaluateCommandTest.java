package org.latentlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.RealismCalibration;
import org.latentlens.core.model.ScoreDistribution;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.TfJudgeTrainer;
import org.latentlens.tensorflow.TfModelTrainer;
import org.latentlens.tensorflow.TinyBundles;
import picocli.CommandLine;

/** {@code latent-lens evaluate} on a tiny random model stores the realism calibration in the manifest. */
class EvaluateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void evaluateWritesRealAndGeneratedScoreDistributions() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 4);
        assertNull(ManifestJson.read(bundle).calibration(), "a new model is not calibrated");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                LatentLensCommand.create(new DjlModelLoader(), new TfModelTrainer(), new TfJudgeTrainer(), start -> {});
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(
                0,
                cli.execute(
                        "evaluate", bundle.toString(), "--judge-steps", "10", "--interventions", "4", "--images", "4"),
                err.toString());

        RealismCalibration c = ManifestJson.read(bundle).calibration();
        assertNotNull(c, "the manifest now holds the calibration:\n" + out);
        for (ScoreDistribution d : new ScoreDistribution[] {c.real(), c.generated()}) {
            assertEquals(1000, d.count(), "1000 held-out real images, as many generated");
            assertEquals(ScoreDistribution.PERCENTILES, d.quantiles().length);
        }
        assertTrue(c.realSource().startsWith("synthetic"), c.realSource());
        assertTrue(ManifestJson.read(bundle).metrics().containsKey("realism.judgeFrechet"), "metrics are kept too");
        // The face the app opens on, placed against the same real scores the Inspect panel uses.
        try (var model = new DjlModelLoader().load(bundle)) {
            float[] code = model.manifest().latent().defaults();
            double score =
                    model.discriminate(model.generate(FloatMatrix.ofRow(code))).realism()[0];
            var metrics = ManifestJson.read(bundle).metrics();
            assertEquals(score, metrics.get("realism.defaultView.score"), 1e-4);
            assertEquals(c.place(score).realPercentile(), metrics.get("realism.defaultView.realPercentile"), 0.01);
            assertTrue(out.toString().contains("realism of the default view: score"), out.toString());
        }
        var evaluated = ManifestJson.read(bundle);
        assertEquals(
                evaluated.latent().dimensions().stream().map(d -> d.name()).toList(),
                List.copyOf(evaluated.explained().keySet()),
                "every dimension named after its sweeps");
        assertTrue(
                evaluated.metrics().containsKey("disentanglement.mig")
                        && evaluated.metrics().containsKey("disentanglement.dci.informativeness"),
                "synthetic data: MIG to DCI");
        assertEquals(0, cli.execute("info", bundle.toString()), err.toString());
        assertTrue(
                out.toString().matches("(?s).*Realism: +discriminator score, median.* on 1000 images.*"),
                out.toString());
        // The generated distribution is the model's own: a prior sample's score lies within (or at) its range.
        try (GanModel model = new DjlModelLoader().load(bundle)) {
            float[] z = LatentSampler.sample(model.manifest().latent(), new Random(5));
            float score =
                    model.discriminate(model.generate(FloatMatrix.ofRow(z))).realism()[0];
            double p = c.generated().percentile(score);
            assertTrue(
                    p > 0 && p < 100, "a prior sample scores " + score + ", percentile " + p + " of " + c.generated());
        }
    }
}
