package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.data.CelebaDataset;
import org.latentlens.core.data.Splits;
import org.latentlens.core.model.Discrimination;
import org.latentlens.core.model.Encoding;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.train.LabelMask;
import org.latentlens.core.train.LossWeights;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.TrainingGraph;

/**
 * The reference Keras trainer {@code src/main/python/latentlens_train} (docs/training.md, "Training with Keras and
 * tf.distribute"): it trains on two mirrored replicas and writes a bundle Latent Lens runs, and it computes the app
 * trainer's losses and updates. Runs in the venv of {@link PythonVenv}; the CPU is split into two logical devices,
 * so the multi-replica path runs without GPUs.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES) // the first run may build the venv: a few minutes
class KerasTrainerTest {
    private static final Duration PYTHON_TIMEOUT = Duration.ofMinutes(10);
    private static final List<String> TERMS =
            List.of("D", "GE", "d_adv", "g_adv", "attr_D", "attr_E", "info", "latent", "recon_l1", "kl");

    @TempDir
    Path tmp;

    @Test
    void trainsOnTwoReplicasFromACelebaFolderAndItsBundleRunsInLatentLens() throws Exception {
        Path root = PythonVenv.repoRoot();
        Path logs = root.resolve("target/keras-trainer-test");
        Path python = PythonVenv.ensure(logs);
        Path data = writeCelebaFolder(tmp.resolve("faces"));
        Path run = tmp.resolve("run");
        long start = System.nanoTime();
        Path out = logs.resolve("train.out");
        Path err = logs.resolve("train.log");
        int code = PythonVenv.run(
                List.of(
                        python.toString(),
                        "-m",
                        "latentlens_train",
                        "--data",
                        "celeba:" + data,
                        "--attributes",
                        "Male,Smiling,Eyeglasses",
                        // Not one-of-N in these random labels; the factor is about the code and the manifest.
                        "--categorical",
                        "Look=Smiling,Eyeglasses",
                        "--free",
                        "3",
                        "--size",
                        "16",
                        "--steps",
                        "3",
                        "--batch",
                        "8",
                        "--log-every",
                        "1",
                        "--checkpoint-every",
                        "2",
                        "--sample-every",
                        "2",
                        "--label-fraction",
                        "0.5",
                        "--cpu-replicas",
                        "2",
                        "--name",
                        "keras-trainer-test",
                        "--out",
                        run.toString()),
                pythonEnvironment(root),
                out,
                err,
                PYTHON_TIMEOUT,
                "The venv's Python " + python + " could not be started; delete its folder to rebuild it.");
        double seconds = (System.nanoTime() - start) / 1e9;
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(
                0,
                code,
                () -> "latentlens_train failed. Output:\n" + stdout + "\nLog: " + err + "\n" + PythonVenv.tail(err));

        assertTrue(stdout.contains("replicas: 2 ("), () -> "the run did not report two replicas:\n" + stdout);
        // The same rows, the same held-out 5% and the same labelled subset as the app's trainer.
        CelebaDataset dataset = CelebaDataset.open(data);
        int training = Splits.training(dataset).size();
        long labelled = IntStream.range(0, training)
                .filter(i -> LabelMask.usesLabels(1, i, 0.5))
                .count();
        assertTrue(
                stdout.contains("data: " + dataset.size() + " images, " + training + " for training ("
                        + (dataset.size() - training) + " held out)"),
                stdout);
        assertTrue(stdout.contains("labels used for " + labelled + " of " + training + " training images"), stdout);

        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), "one metrics line per step");
        for (int i = 0; i < lines.size(); i++) {
            JsonObject line = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            assertEquals(i + 1, line.get("step").getAsInt());
            assertEquals(2, line.get("replicas").getAsInt());
            JsonObject losses = line.getAsJsonObject("losses");
            for (String term : TERMS) {
                double v = losses.get(term).getAsDouble();
                assertTrue(Double.isFinite(v), "step " + (i + 1) + ": loss " + term + " is " + v);
            }
        }
        assertTrue(
                Files.exists(run.resolve("checkpoints/ckpt-2.index"))
                        && Files.exists(run.resolve("checkpoints/ckpt-3.index")),
                "checkpoints at step 2 (--checkpoint-every) and at the end");

        try (GanModel model = new DjlModelLoader().load(run.resolve("model"))) {
            ModelManifest manifest = model.manifest();
            assertEquals("keras-trainer-test", manifest.name());
            assertEquals(List.of("Male", "Smiling", "Eyeglasses"), manifest.attributes());
            assertEquals(
                    List.of("Male", "Smiling", "Eyeglasses", "free_0", "free_1", "free_2"),
                    manifest.latent().dimensions().stream().map(d -> d.name()).toList());
            assertEquals(
                    List.of(-1f, -1f, -1f, 0f, 0f, 0f),
                    manifest.latent().dimensions().stream()
                            .map(d -> d.defaultValue())
                            .toList(),
                    "semantic sliders start at 'absent' as the app's own models do; free ones at 0");
            var spec = manifest.image();
            assertEquals(
                    List.of(16, 16, 3, -1f, 1f),
                    List.of(spec.width(), spec.height(), spec.channels(), spec.minValue(), spec.maxValue()));
            assertEquals(3, manifest.training().steps());
            assertEquals("celeba:" + data, manifest.training().dataset());
            assertEquals("2", manifest.training().hyperParameters().get("replicas"));
            assertEquals("10.0", manifest.training().hyperParameters().get("w.reconstruction"));
            assertEquals(
                    List.of("Look=Smiling,Eyeglasses"),
                    manifest.latent().categoricals().stream()
                            .map(Object::toString)
                            .toList(),
                    "the factor reaches the manifest, so the app shows one choice for it");
            assertEquals(
                    "Look=Smiling,Eyeglasses",
                    manifest.training().hyperParameters().get("categorical"),
                    "the model card names the factor as the app's trainer does");

            assertSampleGridsShow(model, run.resolve("samples"));

            int n = 4;
            float[] codes = new float[n * 6];
            Random r = new Random(5);
            for (int i = 0; i < codes.length; i++) {
                codes[i] = (float) r.nextGaussian();
            }
            ImageBatch images = model.generate(new FloatMatrix(n, 6, codes));
            assertEquals(
                    List.of(n, 16, 16, 3), List.of(images.count(), images.height(), images.width(), images.channels()));
            for (float v : images.data()) {
                assertTrue(Float.isFinite(v) && v >= -1f && v <= 1f, "generated pixel " + v);
            }
            Encoding encoding = model.encode(images);
            assertEquals(
                    List.of(n, 6, n, 3),
                    List.of(
                            encoding.latent().rows(),
                            encoding.latent().cols(),
                            encoding.attributeLogits().rows(),
                            encoding.attributeLogits().cols()));
            assertAllFinite("encode", encoding.latent().data());
            Discrimination discrimination = model.discriminate(images);
            assertEquals(n, discrimination.realism().length);
            assertEquals(3, discrimination.attributeLogits().cols());
            assertAllFinite("discriminate", discrimination.realism());
            assertTrue(model.hasSaliency());
        }
        System.out.printf("KerasTrainerTest: 3 steps on 2 replicas and the export took %.1f s%n", seconds);
    }

    @Test
    void computesTheAppTrainersLossesAndUpdates() throws Exception {
        Path logs = PythonVenv.repoRoot().resolve("target/keras-trainer-test");
        // Kept under target/ after the run, to rerun the script by hand on a failure.
        Path dir = logs.resolve("java-reference");
        writeReference(dir);
        long start = System.nanoTime();
        String stdout = runCheck(
                "check_keras_trainer.py",
                "check",
                PythonVenv.repoRoot().resolve("models/default").toString(),
                dir.toString());
        System.out.print(stdout);
        System.out.printf("KerasTrainerTest: the comparison took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @Test
    void drawsExactlyOneValueOfACategoricalFactorPerCode() throws Exception {
        String stdout = runCheck("check_categorical_prior.py", "categorical");
        assertTrue(stdout.contains("one value present in each"), stdout);
    }

    /**
     * Runs {@code src/test/python/SCRIPT} with {@code args} in the venv, its output and log under
     * target/keras-trainer-test as {@code logName}.out and .log; fails with both unless it exits 0.
     *
     * @return what the script printed
     */
    private static String runCheck(String script, String logName, String... args) throws Exception {
        Path root = PythonVenv.repoRoot();
        Path logs = root.resolve("target/keras-trainer-test");
        Path python = PythonVenv.ensure(logs);
        Path out = logs.resolve(logName + ".out");
        Path err = logs.resolve(logName + ".log");
        List<String> command = new ArrayList<>(List.of(python.toString(), "src/test/python/" + script));
        command.addAll(List.of(args));
        int code = PythonVenv.run(
                command,
                pythonEnvironment(root),
                out,
                err,
                PYTHON_TIMEOUT,
                "The venv's Python " + python + " could not be started; delete its folder to rebuild it.");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(
                0,
                code,
                () -> script + " found a difference. Output:\n" + stdout + "\nLog: " + err + "\n"
                        + PythonVenv.tail(err));
        return stdout;
    }

    private static Map<String, String> pythonEnvironment(Path root) {
        return Map.of(
                "PYTHONPATH",
                root.resolve("src/main/python").toString(),
                "PYTHONDONTWRITEBYTECODE",
                "1",
                "TF_CPP_MIN_LOG_LEVEL",
                "1");
    }

    /**
     * The run's sample grids: one at step 2 (--sample-every) and one at the end, 8 x 4 tiles of 16 px with 2 px
     * gaps, whose last one is what the exported generator draws from the codes in codes.json.
     */
    private static void assertSampleGridsShow(GanModel model, Path samples) throws IOException {
        assertTrue(Files.exists(samples.resolve("step-0000002.png")), "a grid at step 2");
        BufferedImage last = ImageIO.read(samples.resolve("step-0000003.png").toFile());
        assertEquals(List.of(8 * 16 + 9 * 2, 4 * 16 + 5 * 2), List.of(last.getWidth(), last.getHeight()));
        JsonArray rows = JsonParser.parseString(Files.readString(samples.resolve("codes.json")))
                .getAsJsonObject()
                .getAsJsonArray("codes");
        assertEquals(32, rows.size(), "32 fixed codes");
        int dims = model.manifest().latent().size();
        float[] codes = new float[2 * dims];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rows.get(i / dims).getAsJsonArray().get(i % dims).getAsFloat();
        }
        ImageBatch drawn = model.generate(new FloatMatrix(2, dims, codes));
        int worst = 0;
        for (int tile = 0; tile < 2; tile++) {
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int rgb = last.getRGB(2 + tile * 18 + x, 2 + y);
                    for (int c = 0; c < 3; c++) {
                        float v = drawn.data()[((tile * 16 + y) * 16 + x) * 3 + c];
                        int expected = Math.round((v + 1f) * 127.5f);
                        int got = (rgb >> (16 - 8 * c)) & 255;
                        worst = Math.max(worst, Math.abs(expected - got));
                    }
                }
            }
        }
        assertTrue(worst <= 1, "the grid's first tiles are the exported generator's images; off by up to " + worst);
        assertEquals(0x202024, last.getRGB(0, 0) & 0xFFFFFF, "dark gaps between tiles, as the app's grids");
    }

    private static void assertAllFinite(String what, float[] values) {
        for (float v : values) {
            assertTrue(Float.isFinite(v), what + " gave " + v);
        }
    }

    /**
     * A CelebA-layout folder as CelebA ships it: CRLF line ends, non-square images in images/, one row naming a
     * missing image and one with a bad value (both left out), some unknown (0) labels.
     */
    private static Path writeCelebaFolder(Path folder) throws IOException {
        Path images = Files.createDirectories(folder.resolve("images"));
        Random r = new Random(3);
        StringBuilder rows = new StringBuilder();
        int count = 40;
        for (int i = 1; i <= count + 1; i++) {
            String name = String.format("%06d.png", i);
            BufferedImage image = new BufferedImage(20, 24, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 24; y++) {
                for (int x = 0; x < 20; x++) {
                    image.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            ImageIO.write(image, "png", images.resolve(name).toFile());
            String bad = i == count + 1 ? " 2" : " " + (i % 7 == 0 ? 0 : r.nextBoolean() ? 1 : -1);
            rows.append(name)
                    .append(" ")
                    .append(r.nextBoolean() ? 1 : -1)
                    .append(bad)
                    .append(" ")
                    .append(r.nextBoolean() ? " 1" : "-1")
                    .append("\r\n");
        }
        rows.append("missing.png  1 -1  1\r\n");
        Files.writeString(
                folder.resolve("list_attr_celeba.txt"),
                (count + 2) + "\r\nSmiling Eyeglasses Male\r\n" + rows,
                StandardCharsets.UTF_8);
        return folder;
    }

    /**
     * What check_keras_trainer.py compares with: the app trainer's defaults, its data split and label subset, and two
     * steps of its {@link TrainingGraph} on a tiny architecture (initial weights, both batches, the losses of each step,
     * every weight and the moving average after them).
     */
    private static void writeReference(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir);
        Gson gson = new Gson();
        Map<String, Object> defaults = new LinkedHashMap<>();
        TrainingConfig c = TrainingConfig.defaults("synthetic", 64, List.of(), 1);
        defaults.put("batchSize", c.batchSize());
        defaults.put("freeDims", c.freeDims());
        defaults.put("learningRate", c.learningRate());
        defaults.put("labelFraction", c.labelFraction());
        defaults.put("seed", c.seed());
        defaults.put("maxChannels", c.maxChannels());
        defaults.put("hiddenUnits", c.hiddenUnits());
        defaults.put("emaDecay", c.emaDecay());
        defaults.put("checkpointEvery", c.checkpointEvery());
        defaults.put("sampleEvery", c.sampleEvery());
        defaults.put("baseChannels", Map.of("16", base(16), "32", base(32), "64", base(64), "128", base(128)));
        defaults.put("weights", LossWeights.DEFAULT.asMap());
        defaults.put("beta1", TrainingGraph.BETA1);
        defaults.put("beta2", TrainingGraph.BETA2);
        defaults.put("minStrength", LatentSampler.MIN_STRENGTH);
        defaults.put("maxStrength", LatentSampler.MAX_STRENGTH);
        List<Boolean> heldOut = new ArrayList<>();
        List<Boolean> usesLabels = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            heldOut.add(Splits.isHeldOut(i));
            usesLabels.add(LabelMask.usesLabels(-3, i, 0.3));
        }
        defaults.put("heldOut", heldOut);
        defaults.put("usesLabelsSeedMinus3Fraction03", usesLabels);
        Files.writeString(dir.resolve("defaults.json"), gson.toJson(defaults), StandardCharsets.UTF_8);

        int n = 8;
        GanArchitecture arch = new GanArchitecture(16, 3, 2, 3, 2, 8, 32, 32);
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("imageSize", arch.imageSize());
        reference.put("attributes", arch.attributeCount());
        reference.put("freeDims", arch.freeDims());
        reference.put("baseChannels", arch.baseChannels());
        reference.put("maxChannels", arch.maxChannels());
        reference.put("hiddenUnits", arch.hiddenUnits());
        reference.put("batch", n);
        List<Map<String, Double>> losses = new ArrayList<>();
        try (TrainingGraph graph = new TrainingGraph(arch, LossWeights.DEFAULT)) {
            graph.initialize(7);
            writeWeights(graph.state(), dir.resolve("weights0"));
            Random r = new Random(11);
            for (int t = 1; t <= 2; t++) {
                TrainingGraph.StepInput in = stepInput(arch, n, t, c, r);
                Path batch = dir.resolve("batch" + t);
                NpyArray.write(batch.resolve("images.npy"), in.images(), n, 16, 16, 3);
                NpyArray.write(batch.resolve("labels.npy"), in.labels(), n, 2);
                NpyArray.write(batch.resolve("mask.npy"), in.mask(), n, 2);
                NpyArray.write(batch.resolve("semantic.npy"), in.semantic(), n, 2);
                NpyArray.write(batch.resolve("free.npy"), in.free(), n, 3);
                NpyArray.write(batch.resolve("eps.npy"), in.noise(), n, 3);
                Map<String, Double> byKey = new LinkedHashMap<>();
                graph.step(in).forEach((term, value) -> byKey.put(term.key(), value));
                losses.add(byKey);
            }
            writeWeights(graph.state(), dir.resolve("weights2"));
        }
        reference.put("losses", losses);
        Files.writeString(dir.resolve("reference.json"), gson.toJson(reference), StandardCharsets.UTF_8);
    }

    private static int base(int size) {
        return TrainingConfig.defaults("synthetic", size, List.of(), 1).baseChannels();
    }

    /** One step's inputs as the training loop makes them, with uneven labels: the first half of the batch mostly unknown. */
    private static TrainingGraph.StepInput stepInput(GanArchitecture arch, int n, int t, TrainingConfig c, Random r) {
        int a = arch.attributeCount();
        int f = arch.freeDims();
        float[] images = new float[n * 16 * 16 * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat() * 2 - 1;
        }
        float[] labels = new float[n * a];
        float[] mask = new float[n * a];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextBoolean() ? 1f : -1f;
            mask[i] = i < n * a / 2 && i % 3 != 0 ? 0f : 1f;
        }
        labels[1] = 0f;
        float[] semantic = new float[n * a];
        float[] target = new float[n * a];
        for (int i = 0; i < semantic.length; i++) {
            semantic[i] = LatentSampler.semantic(r);
            target[i] = semantic[i] > 0 ? 1f : 0f;
        }
        float[] free = new float[n * f];
        float[] noise = new float[n * f];
        for (int i = 0; i < free.length; i++) {
            free[i] = (float) r.nextGaussian();
            noise[i] = (float) r.nextGaussian();
        }
        double decay = Math.min(c.emaDecay(), (1.0 + t) / (10.0 + t));
        return new TrainingGraph.StepInput(
                n,
                images,
                labels,
                mask,
                semantic,
                target,
                free,
                noise,
                (float) c.learningRate(),
                (float) Math.pow(TrainingGraph.BETA1, t),
                (float) Math.pow(TrainingGraph.BETA2, t),
                (float) decay);
    }

    /** Every weight of E, D, G and G's moving average as a flat {@code NAME.npy}. */
    private static void writeWeights(Map<String, float[]> state, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, float[]> e : state.entrySet()) {
            if (!e.getKey().startsWith("opt.")) {
                NpyArray.write(dir.resolve(e.getKey() + ".npy"), e.getValue(), e.getValue().length);
            }
        }
    }
}
