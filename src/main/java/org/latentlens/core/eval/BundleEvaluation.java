package org.latentlens.core.eval;

import java.io.IOException;
import java.nio.file.Files;
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
import org.latentlens.core.data.Splits;
import org.latentlens.core.io.SafeFiles;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelManifest;

/**
 * Evaluates a bundle and writes the figures into its manifest: the judge kept in the bundle is reused when it
 * fits the data, else trained on the data's real labelled images. The command line ({@code latent-lens evaluate})
 * and the app's Evaluate button both run this.
 */
public final class BundleEvaluation {
    /** Sub-folder of a bundle where its judge is kept. */
    public static final String JUDGE_DIR = "judge";

    private final JudgeTrainer judges;

    /**
     * What to measure and how hard.
     *
     * @param judgeSteps training steps of a new judge
     * @param retrainJudge train a new judge even if the bundle has one that fits
     * @param settings the evaluator's sample counts
     */
    public record Options(int judgeSteps, boolean retrainJudge, Evaluator.Settings settings) {
        /** What {@code latent-lens evaluate} does without options. */
        public static final Options DEFAULT = new Options(1500, false, Evaluator.Settings.DEFAULT);
    }

    /** Evaluations that train judges with {@code judges}. */
    public BundleEvaluation(JudgeTrainer judges) {
        this.judges = judges;
    }

    /**
     * The data set to measure a bundle against, read from how it was trained ({@code synthetic(seed=1)} or
     * {@code celeba:PATH}); empty when the manifest does not say or the data was unlabelled.
     */
    public static Optional<String> dataOf(ModelManifest m) {
        String d = m.training() == null ? "" : m.training().dataset();
        if (d.startsWith("synthetic")) {
            return Optional.of("synthetic");
        }
        return d.startsWith("celeba:") ? Optional.of(d) : Optional.empty();
    }

    /**
     * Measures {@code model} (opened from {@code bundleDir}) against {@code dataSpec} and writes the figures.
     *
     * @param log receives one line per stage and figure
     * @param judgeProgress receives the judge's training step when one is trained
     * @param cancelled polled between stages; when it turns true the evaluation stops with a
     *     {@link CancellationException} and the manifest is left as it was
     */
    public Evaluation run(
            GanModel model,
            Path bundleDir,
            String dataSpec,
            long seed,
            Options options,
            Consumer<String> log,
            IntConsumer judgeProgress,
            BooleanSupplier cancelled)
            throws IOException, DatasetException {
        int size = model.manifest().image().width();
        ImageDataset dataset = Datasets.open(dataSpec, size, seed);
        List<String> attributes = judgedAttributes(model.manifest(), dataset);
        StopCheck stop = new StopCheck(cancelled, "evaluation");
        Consumer<String> checked = stop.log(log);
        try (Judge judge = judgeFor(
                judges,
                bundleDir,
                dataset,
                attributes,
                size,
                options.judgeSteps(),
                options.retrainJudge(),
                stop.progress(judgeProgress))) {
            checked.accept(String.format(
                    Locale.ROOT,
                    "Judge: trained on %s, held-out accuracy %.3f",
                    judge.info().dataset(),
                    judge.info().meanAccuracy()));
            Evaluation evaluation = measure(model, judge, dataset, options.settings(), checked);
            stop.now();
            SafeFiles.cleanStale(bundleDir); // a manifest half-written by a killed evaluation
            ManifestJson.write(evaluation.applyTo(ManifestJson.read(bundleDir)), bundleDir);
            return evaluation;
        } catch (ModelBundleException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Every figure of {@code model} read through {@code judge} on the held-out part of {@code dataset}, written
     * nowhere ({@code latent-lens compare} reads several models through one judge this way).
     */
    public static Evaluation measure(
            GanModel model, Judge judge, ImageDataset dataset, Evaluator.Settings settings, Consumer<String> log) {
        return new Evaluator(model, judge, log).evaluate(Splits.heldOut(dataset), settings);
    }

    /**
     * The attributes a model is judged on: those of its own that {@code dataset} labels, or, for a model that names
     * none (an autoencoder, a GAN, an InfoGAN), every attribute the dataset labels, so that its dimensions can be
     * named after the fact.
     *
     * @throws IllegalArgumentException when the dataset labels none of them
     */
    public static List<String> judgedAttributes(ModelManifest manifest, ImageDataset dataset) {
        if (manifest.attributes().isEmpty()) {
            if (dataset.attributes().isEmpty()) {
                throw new IllegalArgumentException(dataset.description() + " has no attribute labels; evaluate against"
                        + " labelled data (synthetic or celeba:PATH).");
            }
            return dataset.attributes();
        }
        List<String> attributes = new ArrayList<>();
        for (String a : manifest.attributes()) {
            if (dataset.attributes().contains(a)) {
                attributes.add(a);
            }
        }
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException(
                    "None of the model's attributes " + manifest.attributes() + " is labelled in "
                            + dataset.description() + "; evaluate against labelled data with those attributes.");
        }
        return attributes;
    }

    /**
     * The judge a bundle is read through (the one rule for {@code evaluate}, {@code directions} and the app): the one
     * kept in the bundle's {@value #JUDGE_DIR} folder when it learnt from the same data at the same size and reads
     * every wanted attribute, else a new one trained on the data's training split and kept there for next time.
     *
     * @param steps training steps if a new judge is needed
     * @param retrain train a new one even if the bundle's fits
     */
    public static Judge judgeFor(
            JudgeTrainer judges,
            Path bundleDir,
            ImageDataset dataset,
            List<String> attributes,
            int size,
            int steps,
            boolean retrain,
            IntConsumer progress)
            throws IOException {
        Path dir = bundleDir.resolve(JUDGE_DIR);
        if (!retrain && Files.isDirectory(dir)) {
            Judge existing = judges.load(dir);
            if (existing.info().dataset().equals(dataset.description())
                    && existing.info().imageSize() == size
                    && existing.attributes().containsAll(attributes)) {
                return existing;
            }
            existing.close();
        }
        return judges.train(Splits.training(dataset), Splits.heldOut(dataset), attributes, size, steps, dir, progress);
    }
}
