package org.latentlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.directions.ClosedFormDirections;
import org.latentlens.core.directions.DirectionKind;
import org.latentlens.core.directions.DirectionsJson;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.HostileBundle;
import org.latentlens.tensorflow.TfJudgeTrainer;
import org.latentlens.tensorflow.TfModelTrainer;
import org.latentlens.tensorflow.TinyBundles;
import picocli.CommandLine;

/** {@code latent-lens directions} on a tiny random model writes a valid directions.json and prints a table. */
class DirectionsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void findsMeasuresAndWritesDirections() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 4);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                LatentLensCommand.create(new DjlModelLoader(), new TfModelTrainer(), new TfJudgeTrainer(), start -> {});
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(
                0,
                cli.execute(
                        "directions",
                        bundle.toString(),
                        "--attributes",
                        "Smiling,Eyeglasses",
                        "--judge-steps",
                        "10",
                        "--samples",
                        "64",
                        "--components",
                        "2",
                        "--interventions",
                        "8",
                        "--closed-form",
                        "2"),
                err.toString());

        List<LatentDirection> found =
                DirectionsJson.read(bundle, TinyBundles.manifest().latent().size());
        List<LatentDirection> unsupervised = found.stream()
                .filter(d -> d.kind() == DirectionKind.UNSUPERVISED)
                .toList();
        assertEquals(
                List.of("PC1", "PC2", "SeFa1", "SeFa2"),
                unsupervised.stream().map(LatentDirection::name).toList(),
                out.toString());
        // SeFa's directions are the top eigenvectors of the generator's first layer, read from the bundle's weights.
        var projection = new DjlModelLoader().latentProjection(bundle).orElseThrow();
        List<double[]> expected = ClosedFormDirections.top(projection, 2);
        for (int k = 0; k < 2; k++) {
            double[] saved = unsupervised.get(2 + k).unitVector();
            double cos = 0;
            for (int i = 0; i < saved.length; i++) {
                cos += saved[i] * expected.get(k)[i];
            }
            assertEquals(1.0, Math.abs(cos), 1e-4, "SeFa" + (k + 1) + " is the layer's eigenvector (up to its sign)");
        }
        for (LatentDirection d : found) {
            assertTrue(d.steerability() >= 0 && d.steerability() <= 1, d + " was measured");
            assertTrue(d.kind() == DirectionKind.UNSUPERVISED
                    || List.of("Smiling", "Eyeglasses").contains(d.name()));
        }
        assertTrue(
                out.toString().contains("closest latent axis") && out.toString().contains("PC2"), out.toString());
        assertTrue(Files.isDirectory(bundle.resolve(BundleEvaluation.JUDGE_DIR)), "the judge is kept for next time");

        assertEquals(1, cli.execute("directions", bundle.toString(), "--data", "synthetic", "--attributes", "Nope"));
        assertTrue(err.toString().contains("'Nope' is not labelled"), err.toString());
    }

    @Test
    void aHostileBundlesWeightsAreNotReadForClosedFormDirections() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for models");
        Path written = tmp.resolve("written.txt");
        Path bundle = HostileBundle.write(tmp.resolve("hostile"), secret, written);
        assertTrue(new DjlModelLoader().latentProjection(bundle).isEmpty());
        assertTrue(!Files.exists(written), "reading weights would have run its init op; it was never loaded");
    }

    @Test
    void newWeightsDropTheOldWeightsDirections() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 4);
        DirectionsJson.write(
                bundle,
                List.of(new LatentDirection(
                        "A",
                        DirectionKind.SUPERVISED,
                        "A",
                        new float[] {1, 0, 0, 0, 0},
                        -1,
                        1,
                        Double.NaN,
                        Double.NaN)),
                "test");
        TinyBundles.write(bundle, 5);
        assertEquals(List.of(), DirectionsJson.read(bundle, 5), "directions found for other weights are removed");
    }
}
