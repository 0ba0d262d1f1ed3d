package org.latentlens.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.latentlens.core.data.synthetic.FaceFactors;
import org.latentlens.core.model.AppHome;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.Frame;
import org.latentlens.core.model.FrameParts;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.LatentSampler;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.SignatureNames;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingProgress;
import org.latentlens.tensorflow.BundleWriter;
import org.latentlens.tensorflow.PeakFlops;
import org.latentlens.tensorflow.graph.GanArchitecture;
import org.latentlens.tensorflow.graph.NetworkFlops;
import org.latentlens.ui.explore.DragBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latent-lens bench}: the speed figures in docs/performance.md, rerunnable on any machine. */
@Command(name = "bench", description = "Measure inference latency, slider-to-frame latency and training throughput.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "MODEL_DIR",
            description = "Model to measure (default: models/default).")
    Path modelDir;

    @Option(names = "--training", description = "Also measure training images/s at 32, 64 and 128 px (a few minutes).")
    boolean training;

    @Option(
            names = "--drag-while-training",
            description = "Also measure the slider drag while a training run goes on "
                    + "in the same process, with training's pacing (it waits while the user drags) off and on in alternated rounds "
                    + "(--rounds, at most 3; about 10 s a round after the run's first step).")
    boolean dragWhileTraining;

    @Option(
            names = "--widths",
            description = "Also measure batch-64 generate at 64 px for generators of 8, 16, 32 and"
                    + " 64 base channels (random weights; under a minute).")
    boolean widths;

    @Option(
            names = "--repeats",
            defaultValue = "100",
            description = "Calls per inference figure (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--peers",
            description = "Also measure the generator against a raw TensorFlow session and DJL's "
                    + "PyTorch engine, and the training step against PyTorch's, in alternated rounds (sets up a Python venv with "
                    + "PyTorch on its first run).")
    boolean peers;

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description = "Alternated rounds for --peers (default ${DEFAULT-VALUE}).")
    int rounds;

    @Mixin
    TrustOption trust;

    private final ModelLoader loader;
    private final ModelTrainer trainer;

    BenchCommand(ModelLoader loader, ModelTrainer trainer) {
        this.loader = loader;
        this.trainer = trainer;
    }

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, not " + rounds);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, not " + repeats);
        }
        var out = spec.commandLine().getOut();
        Path dir = modelDir != null ? modelDir : AppHome.home().resolve(AppHome.DEFAULT_MODEL);
        out.printf(
                Locale.ROOT,
                "Machine: %d cores, Java %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        PeakFlops.Peak peak = PeakFlops.measure();
        out.printf(
                Locale.ROOT,
                "Machine peak (TensorFlow FP32): MatMul 2048^3 %.1f GFLOPS, Conv2D 3x3 64->64 at 64x64 "
                        + "batch 32 %.1f GFLOPS%n",
                peak.matMulGflops(),
                peak.conv2dGflops());
        PeakFlops.Peak bf16 = PeakFlops.measureBf16();
        out.printf(
                Locale.ROOT,
                "Machine peak (TensorFlow BF16, what train --bf16 uses): MatMul %.1f GFLOPS, Conv2D %.1f GFLOPS%n",
                bf16.matMulGflops(),
                bf16.conv2dGflops());
        long openStart = System.nanoTime();
        try (GanModel model = loader.load(dir, trust.loadOptions())) {
            var m = model.manifest();
            out.printf(
                    Locale.ROOT,
                    "Model: %s (%dx%d, %d latent dims)%n",
                    m.name(),
                    m.image().width(),
                    m.image().height(),
                    m.latent().size());
            Random r = new Random(1);
            FloatMatrix one = FloatMatrix.ofRow(LatentSampler.sample(m.latent(), r));
            List<float[]> codes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                codes.add(LatentSampler.sample(m.latent(), r));
            }
            FloatMatrix batch = FloatMatrix.ofRows(codes);
            ImageBatch image = model.generate(one);
            // What the app waits for after its window shows: load, op scan, self-check and the first frame (the JVM
            // and JavaFX start-up before it are not in this figure).
            out.printf(
                    Locale.ROOT,
                    "Model open to first face (load, checks, first frame): %.0f ms%n",
                    (System.nanoTime() - openStart) / 1e6);
            ImageBatch images = model.generate(batch);
            out.println("Inference latency (ms, median / 95th percentile):");
            report(out, "generate 1 image", time(() -> model.generate(one)));
            report(out, "encode 1 image", time(() -> model.encode(image)));
            report(out, "discriminate 1 image", time(() -> model.discriminate(image)));
            if (model.hasSaliency()) {
                report(out, "saliency 1 image", time(() -> model.saliency(image)));
            }
            frameCost(out, model, one);
            double[] b = time(() -> model.generate(batch));
            out.printf(Locale.ROOT, "  %-28s %7.1f ms  (%.0f images/s)%n", "generate 64 images", b[0], 64000 / b[0]);
            architectureOf(m).ifPresent(arch -> {
                long g = NetworkFlops.generator(arch);
                double gflops = g * 64 / (b[0] / 1e3) / 1e9;
                out.printf(
                        Locale.ROOT,
                        "  FLOPs per image (counted from the architecture): G %.3f, E %.3f, D %.3f GFLOP;"
                                + " generate 64 achieves %.1f GFLOPS = %.0f%% of peak%n",
                        g / 1e9,
                        NetworkFlops.encoder(arch) / 1e9,
                        NetworkFlops.discriminator(arch) / 1e9,
                        gflops,
                        100 * gflops / peak.best());
            });
            double[] e = time(() -> model.encode(images));
            out.printf(Locale.ROOT, "  %-28s %7.1f ms  (%.0f images/s)%n", "encode 64 images", e[0], 64000 / e[0]);
            int dim = m.latent().semanticIndices().length > 0 ? m.latent().semanticIndices()[0] : 0;
            DragBenchmark.Result drag = DragBenchmark.run(model, dim, 240, 60);
            out.printf(
                    Locale.ROOT,
                    "Slider drag at 60 events/s, %d events: %d frames shown (stale positions dropped)%n",
                    drag.events(),
                    drag.frames());
            out.printf(
                    Locale.ROOT,
                    "  event-to-frame latency: median %.1f ms, 95th %.1f ms, max %.1f ms%n",
                    drag.percentile(drag.latenciesMillis(), 0.5),
                    drag.percentile(drag.latenciesMillis(), 0.95),
                    drag.latenciesMillis().get(drag.latenciesMillis().size() - 1));
            out.printf(
                    Locale.ROOT,
                    "  render job (generate + encode + discriminate; saliency only while its overlay is on): median %.1f ms%n",
                    drag.percentile(drag.computeMillis(), 0.5));
            if (dragWhileTraining) {
                new DragWhileTraining(out, trainer, Math.min(rounds, 3)).run(model, dim);
            }
            if (peers) {
                new BenchPeers(out, AppHome.home(), rounds, Math.max(20, repeats / rounds))
                        .run(model, dir, architectureOf(m), peak.best());
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            out.printf(
                    Locale.ROOT,
                    "Memory with the model open: resident %d MB (peak %d MB), Java heap in use %d MB%n",
                    procStatusMb("VmRSS:"),
                    procStatusMb("VmHWM:"),
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
        if (widths) {
            out.println("Generate 64 images at 64 px per generator width (random weights; FLOPs counted from the"
                    + " architecture; share of the conv peak):");
            for (int width : new int[] {8, 16, 32, 64}) {
                GanArchitecture arch = new GanArchitecture(
                        64,
                        3,
                        FaceFactors.ATTRIBUTES.size(),
                        8,
                        FaceFactors.ATTRIBUTES.size(),
                        width,
                        Math.max(128, width * 4),
                        128);
                Path tmp = Files.createTempDirectory("bench-width");
                BundleWriter.writeRandom(
                        arch,
                        1,
                        new ModelManifest(
                                ModelManifest.CURRENT_FORMAT_VERSION,
                                "width-" + width,
                                "bench",
                                ImageSpec.rgbSquare(64),
                                LatentLayout.of(FaceFactors.ATTRIBUTES, 8, 1.5f, 3f),
                                FaceFactors.ATTRIBUTES,
                                List.of(SignatureNames.GENERATE),
                                null,
                                Map.of()),
                        tmp);
                try (GanModel m = loader.load(tmp)) {
                    List<float[]> rows = new ArrayList<>();
                    Random r = new Random(1);
                    for (int i = 0; i < 64; i++) {
                        rows.add(LatentSampler.sample(m.manifest().latent(), r));
                    }
                    FloatMatrix z = FloatMatrix.ofRows(rows);
                    double ms = time(() -> m.generate(z))[0];
                    double gflops = NetworkFlops.generator(arch) * 64 / (ms / 1e3) / 1e9;
                    out.printf(
                            Locale.ROOT,
                            "  %2d channels: G %.3f GFLOP/image, %7.1f ms, %6.0f images/s, %6.1f GFLOPS = %3.0f%%"
                                    + " of the conv peak%n",
                            width,
                            NetworkFlops.generator(arch) / 1e9,
                            ms,
                            64000 / ms,
                            gflops,
                            100 * gflops / peak.conv2dGflops());
                }
                deleteQuietly(tmp);
            }
        }
        if (training) {
            out.println("Training throughput (synthetic data, batch 32, steps 6-25 of 25; GFLOPS counted per step; "
                    + "bf16: train --bf16, against the BF16 Conv2D peak):");
            // {size, channels (0: the size's default), bf16}: each 64 px width in float32, then with --bf16.
            int[][] runs = {
                {32, 0, 0},
                {64, 0, 0},
                {128, 0, 0},
                {64, 8, 0},
                {64, 8, 1},
                {64, 16, 0},
                {64, 16, 1},
                {64, 32, 0},
                {64, 32, 1}
            };
            for (int[] run : runs) {
                int size = run[0];
                boolean bf16Run = run[2] == 1;
                Path tmp = Files.createTempDirectory("bench-train");
                TrainingConfig d = TrainingConfig.defaults("synthetic", size, FaceFactors.ATTRIBUTES, 25);
                TrainingConfig.Builder b = d.toBuilder().tricks(d.tricks().withBf16(bf16Run));
                TrainingConfig c = (run[1] == 0 ? b : b.baseChannels(run[1])).build();
                List<Double> ips = new ArrayList<>();
                trainer.train(
                        c,
                        tmp,
                        false,
                        new TrainingListener() {
                            @Override
                            public void onProgress(TrainingProgress p) {
                                if (p.step() > 5) {
                                    ips.add(p.imagesPerSecond());
                                }
                            }
                        },
                        () -> false);
                double imagesPerSecond = ips.get(ips.size() - 1);
                GanArchitecture arch = new GanArchitecture(
                        size,
                        3,
                        c.attributes().size(),
                        c.freeDims(),
                        c.attributes().size(),
                        c.baseChannels(),
                        c.maxChannels(),
                        c.hiddenUnits());
                double gflops = NetworkFlops.trainingStepPerImage(arch) * imagesPerSecond / 1e9;
                out.printf(
                        Locale.ROOT,
                        "  %3d px, %2d channels%s: %6.1f images/s (%.2f s/step), %.1f GFLOPS = %.0f%% of %s peak%n",
                        size,
                        c.baseChannels(),
                        bf16Run ? ", bf16" : "",
                        imagesPerSecond,
                        32 / imagesPerSecond,
                        gflops,
                        100 * gflops / (bf16Run ? bf16.conv2dGflops() : peak.best()),
                        bf16Run ? "the BF16 conv" : "the FP32");
                deleteQuietly(tmp);
            }
        }
        return 0;
    }

    /** Removes a scratch run folder; what cannot be removed stays in the temp folder. */
    static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Scratch only.
        }
    }

    /** Our architecture for a manifest our trainer wrote (its hyper-parameters say the widths). */
    private static Optional<GanArchitecture> architectureOf(ModelManifest m) {
        if (m.training() == null || !m.training().hyperParameters().containsKey("baseChannels")) {
            return Optional.empty();
        }
        var hp = m.training().hyperParameters();
        int semantic = m.latent().semanticIndices().length;
        return Optional.of(new GanArchitecture(
                m.image().width(),
                m.image().channels(),
                semantic,
                m.latent().size() - semantic,
                m.attributes().size(),
                Integer.parseInt(hp.get("baseChannels")),
                Integer.parseInt(hp.get("maxChannels")),
                Integer.parseInt(hp.get("hiddenUnits")),
                Boolean.parseBoolean(hp.get("minibatchStd"))));
    }

    /** A memory line of /proc/self/status in MB, or -1 where there is none (not Linux). */
    private static long procStatusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or an unexpected format: the figure is simply not shown.
        }
        return -1;
    }

    private double[] time(Supplier<?> call) {
        for (int i = 0; i < 5; i++) {
            call.get();
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            call.get();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        return medianAnd95th(t);
    }

    /** The median and the 95th percentile of {@code t} (sorted in place). */
    private static double[] medianAnd95th(double[] t) {
        Arrays.sort(t);
        return new double[] {t[t.length / 2], t[(int) (t.length * 0.95)]};
    }

    /**
     * An explorer frame with the Inspect panel showing (image, encoder readout, discriminator; saliency as well while
     * its overlay is on) made by separate calls and by the model's own {@link GanModel#frame}, alternated call by
     * call so that drift cancels. For bundles without frame signatures the two are the same calls.
     */
    private void frameCost(PrintWriter out, GanModel model, FloatMatrix one) {
        if (!model.supports(ModelRole.ENCODE) || !model.supports(ModelRole.DISCRIMINATE)) {
            return;
        }
        for (boolean saliency : model.hasSaliency() ? new boolean[] {false, true} : new boolean[] {false}) {
            var parts = new FrameParts(true, true, saliency);
            for (int i = 0; i < 5; i++) {
                Frame.bySeparateCalls(model, one, parts);
                model.frame(one, parts);
            }
            double[] separate = new double[repeats];
            double[] combined = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                Frame.bySeparateCalls(model, one, parts);
                long t1 = System.nanoTime();
                model.frame(one, parts);
                long t2 = System.nanoTime();
                separate[i] = (t1 - t0) / 1e6;
                combined[i] = (t2 - t1) / 1e6;
            }
            double[] before = medianAnd95th(separate);
            double[] now = medianAnd95th(combined);
            String what = saliency ? "frame with saliency" : "frame (Inspect showing)";
            report(out, what + ", separate", before);
            report(out, what + ", model.frame", now);
            out.printf(
                    Locale.ROOT,
                    "  %-38s %7.2f (median ratio; 1.00 where the bundle has no frame signature)%n",
                    "  one call / separate",
                    now[0] / before[0]);
        }
    }

    private static void report(PrintWriter out, String what, double[] t) {
        out.printf(Locale.ROOT, "  %-38s %7.2f / %.2f%n", what, t[0], t[1]);
    }
}
