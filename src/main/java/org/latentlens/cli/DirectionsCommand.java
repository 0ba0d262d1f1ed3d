package org.latentlens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentlens.core.directions.BundleDirections;
import org.latentlens.core.directions.DirectionFinder;
import org.latentlens.core.directions.LatentDirection;
import org.latentlens.core.directions.LogisticBoundary;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latent-lens directions MODEL --data DATA}: named sliders for any generator, written to directions.json. */
@Command(
        name = "directions",
        description = "Find named latent directions for any generator: one boundary normal"
                + " per attribute a judge (trained only on real labelled images) reads on sampled images (InterFaceGAN), plus the"
                + " principal directions of what the generator draws (GANSpace), each named after the attribute it moves most;"
                + " measure their steerability and leakage and write them to directions.json beside the manifest.")
final class DirectionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "The model bundle.")
    Path modelDir;

    @Option(
            names = "--attributes",
            split = ",",
            paramLabel = "A,B",
            description =
                    "Attributes to find and name" + " directions with (default: every attribute the data labels).")
    List<String> attributes;

    @Option(
            names = "--samples",
            defaultValue = "2000",
            description = "Codes sampled from the prior to fit on" + " (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--components",
            defaultValue = "8",
            description = "Unsupervised directions to keep" + " (default ${DEFAULT-VALUE}).")
    int components;

    @Option(
            names = "--closed-form",
            defaultValue = "4",
            description = "SeFa directions to add from the generator's"
                    + " first layer, for bundles written by Latent Lens (default ${DEFAULT-VALUE}; 0 for none).")
    int closedForm;

    @Option(
            names = "--interventions",
            defaultValue = "200",
            description = "Codes per direction for steerability and" + " leakage (default ${DEFAULT-VALUE}).")
    int interventions;

    @Option(
            names = "--range",
            defaultValue = "1.5",
            description = "Slider half-range, in standard deviations of"
                    + " the prior along the direction (default ${DEFAULT-VALUE}).")
    double range;

    @Option(
            names = "--sample-seed",
            defaultValue = "11",
            description = "Seed of the sampled codes" + " (default ${DEFAULT-VALUE}).")
    long sampleSeed;

    @Mixin
    JudgedDataOptions judged;

    @Mixin
    TrustOption trust;

    private final ModelLoader loader;
    private final JudgeTrainer judges;

    DirectionsCommand(ModelLoader loader, JudgeTrainer judges) {
        this.loader = loader;
        this.judges = judges;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BundleDirections.Options options = new BundleDirections.Options(
                attributes == null ? List.of() : attributes,
                new DirectionFinder.Settings(
                        samples, components, interventions, range, LogisticBoundary.DEFAULT_L2, sampleSeed),
                judged.judgeSteps,
                judged.retrainJudge,
                judged.seed,
                closedForm);
        try (GanModel model = loader.load(modelDir, trust.loadOptions())) {
            ProgressBar bar = judged.judgeBar();
            BundleDirections.Result result = new BundleDirections(judges, loader)
                    .run(
                            model,
                            modelDir,
                            judged.dataSpec(),
                            options,
                            out::println,
                            step -> bar.update(step, null),
                            () -> false);
            printTable(out, result.directions(), model);
            out.println("Directions written to " + result.file());
        }
        return 0;
    }

    /**
     * One line per direction, with the latent axis it is closest to, and the model's own slider for the attribute it
     * moves measured on the same codes (where the model has one).
     */
    private static void printTable(PrintWriter out, List<BundleDirections.Found> found, GanModel model) {
        LatentLayout layout = model.manifest().latent();
        out.printf(
                Locale.ROOT,
                "%n%-12s %-12s %-12s %6s %6s  %-15s  %-22s %s%n",
                "direction",
                "kind",
                "moves",
                "steers",
                "leaks",
                "range",
                "closest latent axis",
                "model's own slider, same codes: steers / leaks");
        for (BundleDirections.Found f : found) {
            LatentDirection d = f.direction();
            float[] v = d.vector();
            int axis = 0;
            for (int i = 1; i < v.length; i++) {
                if (Math.abs(v[i]) > Math.abs(v[axis])) {
                    axis = i;
                }
            }
            String own = f.ownSlider()
                    .map(m -> d.attribute() + " " + share(m.steerability()) + " / " + share(m.leakage()))
                    .orElse("");
            out.printf(
                    Locale.ROOT,
                    "%-12s %-12s %-12s %6s %6s  %+6.2f..%+6.2f  %-14s cos %+.2f %s%n",
                    d.name(),
                    d.kind().key(),
                    d.attribute().isEmpty() ? "-" : d.attribute(),
                    share(d.steerability()),
                    share(d.leakage()),
                    d.min(),
                    d.max(),
                    layout.get(axis).name(),
                    v[axis],
                    own);
        }
    }

    private static String share(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
