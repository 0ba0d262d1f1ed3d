package org.latentlens.core.directions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.latentlens.core.data.DatasetException;
import org.latentlens.core.data.Datasets;
import org.latentlens.core.data.ImageDataset;
import org.latentlens.core.eval.BundleEvaluation;
import org.latentlens.core.eval.Judge;
import org.latentlens.core.eval.JudgeInfo;
import org.latentlens.core.eval.JudgeTrainer;
import org.latentlens.core.eval.StopCheck;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelLoader;

/**
 * Finds a bundle's named latent directions and writes them to its {@code directions.json}: the judge comes from
 * {@link BundleEvaluation#judgeFor} (the bundle's own when it fits), the directions from {@link DirectionFinder}.
 * The command line ({@code latent-lens directions}) and the app's "Find directions" button both run this.
 */
public final class BundleDirections {
    private final JudgeTrainer judges;
    /** Reads a generator's first layer for SeFa; {@code null}: no closed-form directions. */
    private final ModelLoader weights;

    /**
     * What to find and how hard.
     *
     * @param attributes attributes to fit and name directions with; empty: every attribute the data labels
     * @param settings the finder's sample counts
     * @param judgeSteps training steps of a new judge
     * @param retrainJudge train a new judge even if the bundle has one that fits
     * @param dataSeed seed of the data set (synthetic)
     * @param closedForm SeFa directions to add from the generator's first layer, where the loader can read it
     */
    public record Options(
            List<String> attributes,
            DirectionFinder.Settings settings,
            int judgeSteps,
            boolean retrainJudge,
            long dataSeed,
            int closedForm) {
        /** SeFa directions added unless told otherwise. */
        public static final int DEFAULT_CLOSED_FORM = 4;
        /** What {@code latent-lens directions} does without options. */
        public static final Options DEFAULT = new Options(List.of(), DirectionFinder.Settings.DEFAULT, 1500, false, 1);

        /** Options with {@value #DEFAULT_CLOSED_FORM} closed-form directions. */
        public Options(
                List<String> attributes,
                DirectionFinder.Settings settings,
                int judgeSteps,
                boolean retrainJudge,
                long dataSeed) {
            this(attributes, settings, judgeSteps, retrainJudge, dataSeed, DEFAULT_CLOSED_FORM);
        }

        /** Copies the attribute list. */
        public Options {
            attributes = List.copyOf(attributes);
            if (closedForm < 0) {
                throw new IllegalArgumentException("the number of closed-form directions cannot be negative");
            }
        }
    }

    /**
     * One direction found, with the model's own slider for the attribute it moves measured on the same codes.
     *
     * @param ownSlider the model's semantic dimension for the same attribute; empty when it has none
     */
    public record Found(LatentDirection direction, Optional<DirectionFinder.Measurement> ownSlider) {}

    /**
     * What a run found.
     *
     * @param directions supervised directions first, in attribute order, then PC1, PC2, ...
     * @param judge the judge they were named and measured through
     * @param file the directions.json written
     */
    public record Result(List<Found> directions, JudgeInfo judge, Path file) {}

    /** Runs that train judges with {@code judges} when a bundle has none that fits; no closed-form directions. */
    public BundleDirections(JudgeTrainer judges) {
        this(judges, null);
    }

    /**
     * As {@link #BundleDirections(JudgeTrainer)}, adding SeFa's closed-form directions for bundles whose first
     * generator layer {@code weights} can read ({@link org.latentlens.core.model.ModelLoader#latentProjection}).
     */
    public BundleDirections(JudgeTrainer judges, ModelLoader weights) {
        this.judges = judges;
        this.weights = weights;
    }

    /**
     * Finds, measures and writes the directions of {@code model}, opened from {@code bundleDir}.
     *
     * @param dataSpec real labelled data for the judge ({@code synthetic} or {@code celeba:PATH})
     * @param log receives one line per stage
     * @param judgeProgress receives the judge's training step when one is trained
     * @param cancelled polled between stages; when it turns true the run stops with a {@link CancellationException}
     *     and the bundle's directions.json is left as it was
     * @throws IllegalArgumentException when the data labels no attribute or not one that was asked for
     */
    public Result run(
            GanModel model,
            Path bundleDir,
            String dataSpec,
            Options options,
            Consumer<String> log,
            IntConsumer judgeProgress,
            BooleanSupplier cancelled)
            throws IOException, DatasetException {
        int size = model.manifest().image().width();
        ImageDataset dataset = Datasets.open(dataSpec, size, options.dataSeed());
        List<String> wanted = wantedAttributes(dataset, dataSpec, options.attributes());
        StopCheck stop = new StopCheck(cancelled, "finding directions");
        Consumer<String> checked = stop.log(log);
        try (Judge judge = BundleEvaluation.judgeFor(
                judges,
                bundleDir,
                dataset,
                wanted,
                size,
                options.judgeSteps(),
                options.retrainJudge(),
                stop.progress(judgeProgress))) {
            checked.accept(String.format(
                    Locale.ROOT,
                    "Judge: trained on %s, held-out accuracy %.3f",
                    judge.info().dataset(),
                    judge.info().meanAccuracy()));
            DirectionFinder finder = new DirectionFinder(model, judge, wanted, checked);
            DirectionFinder.Settings s = options.settings();
            List<LatentDirection> directions =
                    finder.find(s, closedForm(model, bundleDir, options.closedForm(), checked));
            List<Found> found = new ArrayList<>();
            for (LatentDirection d : directions) {
                found.add(new Found(d, finder.baseline(d, s)));
            }
            stop.now();
            String provenance = String.format(
                    Locale.ROOT,
                    "latent-lens directions: %d prior samples read by a judge"
                            + " trained on %s; %d interventions per direction at ±%.2f prior deviations",
                    s.samples(),
                    judge.info().dataset(),
                    s.interventions(),
                    s.rangeDeviations());
            DirectionsJson.write(bundleDir, directions, provenance);
            return new Result(found, judge.info(), bundleDir.resolve(DirectionsJson.FILE_NAME));
        }
    }

    /** SeFa's directions for the bundle, or none when there is no reader, no readable first layer or none asked. */
    private List<double[]> closedForm(GanModel model, Path bundleDir, int k, Consumer<String> log) throws IOException {
        if (weights == null || k == 0) {
            return List.of();
        }
        try {
            Optional<LatentProjection> p = weights.latentProjection(bundleDir);
            if (p.isEmpty() || p.get().latentDims() != model.manifest().latent().size()) {
                log.accept(
                        "No closed-form (SeFa) directions: the generator's first layer cannot be read from this bundle");
                return List.of();
            }
            return ClosedFormDirections.top(p.get(), k);
        } catch (ModelBundleException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The attributes asked for, each checked against what the data labels; all of them when none were named. */
    static List<String> wantedAttributes(ImageDataset dataset, String dataSpec, List<String> asked) {
        if (dataset.attributes().isEmpty()) {
            throw new IllegalArgumentException(dataSpec + " has no attribute labels; directions are found and named"
                    + " through a judge trained on labelled data: use synthetic or celeba:PATH.");
        }
        if (asked.isEmpty()) {
            return dataset.attributes();
        }
        List<String> wanted = new ArrayList<>();
        for (String a : asked) {
            if (!dataset.attributes().contains(a.trim())) {
                throw new IllegalArgumentException(
                        "'" + a.trim() + "' is not labelled in " + dataSpec + "; it labels " + dataset.attributes());
            }
            wanted.add(a.trim());
        }
        return wanted;
    }
}
