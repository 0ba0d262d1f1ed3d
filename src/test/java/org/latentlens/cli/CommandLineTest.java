package org.latentlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.SignatureNames;
import org.latentlens.core.train.Recipe;
import org.latentlens.tensorflow.BundleWriter;
import org.latentlens.tensorflow.DjlModelLoader;
import org.latentlens.tensorflow.HostileBundle;
import org.latentlens.tensorflow.TfJudgeTrainer;
import org.latentlens.tensorflow.TfModelTrainer;
import org.latentlens.tensorflow.TinyBundles;
import org.latentlens.tensorflow.graph.GanArchitecture;
import picocli.CommandLine;

class CommandLineTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<LatentLensCommand.AppStart> guiOpened = new ArrayList<>();

    private int run(String... args) {
        CommandLine cli = LatentLensCommand.create(
                new DjlModelLoader(), new TfModelTrainer(), new TfJudgeTrainer(), guiOpened::add);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void trainHelpListsEveryRecipeWithItsSentence() {
        assertEquals(0, run("train", "--help"));
        String text = out.toString();
        String flat = text.replaceAll("\\s+", " ");
        for (Recipe r : Recipe.values()) {
            assertTrue(
                    text.contains("\n  " + r.key() + " ") && flat.contains(r.help()),
                    r.key() + " is missing:\n" + text);
        }
    }

    @Test
    void aRecipeWithoutLabelsRefusesAttributesAndGetsItsOwnWeights() {
        assertEquals(
                1,
                run(
                        "train",
                        "--recipe",
                        "gan",
                        "--attributes",
                        "Smiling",
                        "--steps",
                        "1",
                        "--out",
                        tmp.resolve("g").toString()));
        assertTrue(err.toString().contains("--recipe gan learns no named attributes"), err.toString());
        assertEquals(
                2,
                run(
                        "train",
                        "--recipe",
                        "vea",
                        "--steps",
                        "1",
                        "--out",
                        tmp.resolve("v").toString()));
        assertTrue(err.toString().contains("choose one of ae, vae, gan, vae-gan"), err.toString());
    }

    @Test
    void infoPrintsManifestLayoutAndSignatures() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 3);
        assertEquals(0, run("info", bundle.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("Model:       tiny"), text);
        assertTrue(text.contains("Latent code: 5 dimensions"), text);
        assertTrue(text.matches("(?s).*0\\s+Smiling\\s+semantic.*"), text);
        assertTrue(text.matches("(?s).*4\\s+free_2\\s+free.*"), text);
        assertTrue(text.contains("  generate     signature 'generate'"), text);
        assertTrue(text.contains("  ok    generate: 4 images of 16x16x3"), text);
        assertTrue(text.contains("  ok    saliency: one 16x16 map"), text);
        assertTrue(text.matches("(?s).*Operations:  \\d+ kinds, all allowed.*"), text);
    }

    @Test
    void aModelThatTouchesFilesIsRefusedUnlessTrusted() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for models");
        Path written = tmp.resolve("written.txt");
        Path bundle = HostileBundle.write(tmp.resolve("hostile"), secret, written);
        assertEquals(1, run("info", bundle.toString()));
        assertTrue(err.toString().startsWith("Error: Model 'hostile' contains operation 'WriteFile'"), err.toString());
        assertTrue(err.toString().contains("--trust"), err.toString());
        assertEquals(
                1,
                run(
                        "strip",
                        bundle.toString(),
                        "--out",
                        tmp.resolve("strip.png").toString()));
        assertFalse(Files.exists(written), "refused before TensorFlow ran the init op");

        assertEquals(0, run("info", "--trust", bundle.toString()), err.toString());
        assertTrue(
                out.toString()
                        .matches(
                                "(?s).*Operations:  \\d+ kinds; not allowed without --trust: WriteFile, ReadFile, StringLength.*"),
                out.toString());
        assertTrue(Files.exists(written), "trusted, the model's init op ran");
    }

    @Test
    void stripOfAModelWithoutSemanticDimensionsSweepsItsFreeOnes() throws Exception {
        int free = 3;
        ModelManifest manifest = new ModelManifest(
                ModelManifest.CURRENT_FORMAT_VERSION,
                "plain",
                "A plain GAN's shape.",
                ImageSpec.rgbSquare(TinyBundles.SIZE),
                LatentLayout.of(List.of(), free, 1.5f, 3f),
                List.of(),
                List.of(SignatureNames.GENERATE),
                null,
                Map.of());
        Path bundle = tmp.resolve("plain");
        BundleWriter.writeRandom(new GanArchitecture(TinyBundles.SIZE, 3, 0, free, 0, 4, 16, 16), 3, manifest, bundle);
        Path strip = tmp.resolve("plain.png");
        assertEquals(0, run("strip", bundle.toString(), "--steps", "4", "--out", strip.toString()), err.toString());
        int all = ImageIO.read(strip.toFile()).getHeight();
        Path one = tmp.resolve("one.png");
        Path two = tmp.resolve("two.png");
        assertEquals(0, run("strip", bundle.toString(), "--steps", "4", "--dim", "free_0", "--out", one.toString()));
        assertEquals(
                0, run("strip", bundle.toString(), "--steps", "4", "--dim", "free_0,free_1", "--out", two.toString()));
        int row = ImageIO.read(two.toFile()).getHeight()
                - ImageIO.read(one.toFile()).getHeight();
        assertTrue(row >= TinyBundles.SIZE, "a row is at least an image high: " + row);
        assertEquals(ImageIO.read(one.toFile()).getHeight() + (free - 1) * row, all, "one row per free dimension");
    }

    @Test
    void sheetDrawsRandomFacesAsTheManifestsSharesSayOrBalanced() throws Exception {
        Path bundle = TinyBundles.write(tmp.resolve("tiny"), 4);
        Path drawn = tmp.resolve("drawn.png");
        Path balanced = tmp.resolve("balanced.png");
        assertEquals(0, sheet(bundle, drawn));
        assertTrue(
                out.toString().contains("Wrote 10 random faces (every attribute drawn half the time)"), out.toString());
        BufferedImage sheet = ImageIO.read(drawn.toFile());
        assertEquals(5 * TinyBundles.SIZE + 6 * 2, sheet.getWidth());
        assertEquals(2 * TinyBundles.SIZE + 3 * 2, sheet.getHeight());
        assertEquals(0, sheet(bundle, balanced, "--balanced"));
        assertTrue(pixels(drawn).equals(pixels(balanced)), "a manifest without shares draws as training does");

        // Both attributes in 2 % of the training images: random faces now mostly lack them.
        var m = ManifestJson.read(bundle);
        var dims = new ArrayList<>(m.latent().dimensions());
        for (int i : m.latent().semanticIndices()) {
            dims.set(i, dims.get(i).withPresence(0.02f));
        }
        ManifestJson.write(m.withLatent(new LatentLayout(dims, m.latent().categoricals())), bundle);
        assertEquals(0, sheet(bundle, drawn));
        assertTrue(out.toString().contains("(attributes as often as in the training images)"), out.toString());
        Path again = tmp.resolve("again.png");
        assertEquals(0, sheet(bundle, again, "--balanced"));
        assertTrue(pixels(balanced).equals(pixels(again)), "--balanced ignores the shares");
        assertFalse(pixels(drawn).equals(pixels(balanced)), "the shares change which faces are drawn");
        assertEquals(1, run("sheet", bundle.toString(), "--count", "0", "--out", drawn.toString()));
        assertTrue(err.toString().contains("--count must be 1 to 1024"), err.toString());
    }

    /** Ten random faces of {@code bundle} in two rows of five, written to {@code png}. */
    private int sheet(Path bundle, Path png, String... more) {
        List<String> args = new ArrayList<>(
                List.of("sheet", bundle.toString(), "--count", "10", "--columns", "5", "--out", png.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static List<Integer> pixels(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return Arrays.stream(rgb).boxed().toList();
    }

    @Test
    void infoOnABrokenBundleIsOneClearLineAndExitCodeOne() {
        assertEquals(1, run("info", tmp.resolve("absent").toString()));
        assertTrue(err.toString().startsWith("Error: There is no model folder"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace");
    }

    @Test
    void synthThenDataInfoReportsCountsAndRates() {
        Path data = tmp.resolve("faces");
        assertEquals(0, run("synth", "--count", "40", "--size", "32", "--out", data.toString()), err.toString());
        assertEquals(0, run("data", "info", data.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("Images:     40"), text);
        assertTrue(text.contains("Eyeglasses"), text);
        assertTrue(text.contains("Problems:   none found"), text);
    }

    @Test
    void dataInfoOnAPlainFolderSaysUnlabelled() throws Exception {
        Path data = tmp.resolve("faces");
        run("synth", "--count", "3", "--size", "32", "--out", data.toString());
        assertEquals(0, run("data", "info", "folder:" + data.resolve("images")));
        assertTrue(out.toString().contains("Attributes: none (unlabelled)"), out.toString());
    }

    @Test
    void noSubcommandOpensTheApp() {
        assertEquals(0, run());
        assertEquals(1, guiOpened.size());
        assertNull(guiOpened.get(0).model(), "no --model: the app picks the bundled default");
        assertEquals(0, run("--model", "models/x", "--encode", "face.jpg"));
        assertEquals(Path.of("models/x"), guiOpened.get(1).model());
        assertEquals(Path.of("face.jpg"), guiOpened.get(1).encode());
    }
}
