package org.latentlens.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.latentlens.core.data.synthetic.FaceFactors;
import org.latentlens.core.model.CategoricalFactor;
import org.latentlens.core.train.CpuBf16;
import org.latentlens.core.train.FineTuning;
import org.latentlens.core.train.LossTerm;
import org.latentlens.core.train.LossWeights;
import org.latentlens.core.train.ModelTrainer;
import org.latentlens.core.train.Recipe;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingListener;
import org.latentlens.core.train.TrainingProgress;
import org.latentlens.core.train.TrainingResult;
import org.latentlens.core.train.TrainingTricks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latent-lens train}: trains a model with a progress bar; Ctrl+C checkpoints and exports. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a model (an interpretable GAN unless --recipe says otherwise) and "
                + "export it as a model bundle.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            defaultValue = "synthetic",
            description = "synthetic, celeba:PATH or folder:PATH (default ${DEFAULT-VALUE}).")
    String data;

    @Option(
            names = "--size",
            defaultValue = "64",
            description = "Image side: 32, 64 or 128 (default ${DEFAULT-VALUE}).")
    int size;

    @Option(
            names = "--attributes",
            split = ",",
            description = "Attributes that become sliders (default: all eight for synthetic data).")
    List<String> attributes;

    @Option(
            names = "--categorical",
            paramLabel = "NAME=A,B,...",
            description = "Attributes that are one-of-N "
                    + "(a face has exactly one), trained and shown as one control with a choice per value, e.g. "
                    + "Race=White,Black,Asian,Indian,Other_Race. Repeatable; the values must be among --attributes.")
    List<String> categorical;

    @Option(names = "--steps", required = true, description = "Steps to train to.")
    long steps;

    @Option(
            names = "--out",
            required = true,
            description = "Run folder: the bundle, checkpoints/ and samples/ go here.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint.")
    boolean resume;

    @Option(
            names = "--label-fraction",
            description = "Share of images whose labels are used (default 1.0; 0.1 for " + "ss-infogan).")
    Double labelFraction;

    @Option(
            names = "--recipe",
            defaultValue = "interpretable",
            converter = RecipeConverter.class,
            description = "Model family: ae, vae, gan, vae-gan, infogan, ss-infogan or interpretable (default "
                    + "${DEFAULT-VALUE}); see the list above.")
    Recipe recipe;

    @Option(names = "--beta", description = "KL weight of vae and vae-gan (default 1; 0.02 for interpretable).")
    Double beta;

    @Option(names = "--batch", description = "Images per step (default 32).")
    Integer batch;

    @Option(names = "--lr", description = "Adam learning rate (default 0.0002).")
    Double lr;

    @Option(names = "--free", description = "Free latent dimensions (default 8).")
    Integer free;

    @Option(
            names = "--channels",
            description = "Feature maps at full resolution (default: 16 at 32 px, 8 at 64 px, 4 at 128 px).")
    Integer channels;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed for weights, data order and codes (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--name", description = "Model name in the manifest.")
    String name;

    @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default 500).")
    Integer checkpointEvery;

    @Option(names = "--sample-every", description = "Steps between sample grids in OUT/samples (default 250).")
    Integer sampleEvery;

    @Option(
            names = "--warm-start",
            paramLabel = "BUNDLE",
            description = "Start from the weights of a model bundle"
                    + " that Latent Lens trained with the same size, channels, attributes and free dimensions (its G, E and D;"
                    + " the optimizers start fresh) instead of random ones: fine-tuning, e.g. with --r1 or a lower --lr. The"
                    + " bundle is read, never changed.")
    Path warmStart;

    @Option(
            names = "--cpu-minutes",
            paramLabel = "M",
            description =
                    "Stop (checkpoint and export, as Ctrl+C does) "
                            + "when training has used M minutes of CPU time, resumed sessions included: runs compared at equal CPU time get "
                            + "the same computation however busy the machine is. Give a large --steps with it. Default: no limit.")
    Double cpuMinutes;

    @Option(
            names = "--r1",
            paramLabel = "GAMMA",
            description = "R1 gradient penalty GAMMA/2 * E[|grad_x D(x)|^2] on "
                    + "real images, added to D's loss (default 0: off).")
    Double r1;

    @Option(
            names = "--r1-every",
            paramLabel = "N",
            description = "Lazy R1: apply the penalty every N steps, scaled by " + "N (default 16; 1: every step).")
    Integer r1Every;

    @Option(
            names = "--augment",
            split = ",",
            paramLabel = "KIND",
            description =
                    "Differentiable augmentation "
                            + "(DiffAugment) of every image D sees in training: any of color, translation, cutout (default: none).")
    List<String> augment;

    @Option(
            names = "--d-lr",
            paramLabel = "RATE",
            description = "D's Adam learning rate, apart from G's and E's --lr "
                    + "(two-time-scale rule; default: the same as --lr).")
    Double dLr;

    @Option(
            names = "--encoder-only",
            description =
                    "Train only the encoder, for the --warm-start model's generator "
                            + "as it is: G and D keep their weights, so every image the sliders make stays the same and reconstruction of "
                            + "real images improves (an encoder fitted to a finished generator, as in in-domain GAN inversion).")
    boolean encoderOnly;

    @Option(names = "--mbstd", description = "Give D a minibatch standard deviation feature before its dense layer.")
    boolean mbstd;

    @Option(
            names = "--prior",
            paramLabel = "balanced|data",
            description = "How the generated images of training draw attributes: balanced (default: each present half"
                    + " the time, each value of a categorical factor equally often) or data (as often as the training"
                    + " images have them).")
    String prior;

    @Option(
            names = "--ema",
            paramLabel = "DECAY",
            description = "Decay of the exported generator's moving average " + "(default 0.999).")
    Double ema;

    @Option(
            names = "--weights",
            split = ",",
            paramLabel = "TERM=W",
            description = "Loss weights, e.g. "
                    + "info=2,attribute=1; terms: adversarial, attribute, info, latent, reconstruction, kl (default: the recipe's; "
                    + "interpretable's are 1, 1, 1, 1, 10, 0.02). A term given here wins over --beta.")
    Map<String, Double> weights;

    @Option(
            names = "--bf16",
            description =
                    "Compute the training graph's convolutions in bfloat16 (weights, sums, losses and the exported"
                            + " model stay float32): faster on CPUs with avx512_bf16 or AMX (docs/performance.md), slower on"
                            + " others.")
    boolean bf16;

    @Option(
            names = "--opening-share",
            paramLabel = "SHARE",
            description = "Share of the prior's codes whose free part is scaled towards 0 by a uniform factor, so that"
                    + " G also learns the app's opening face (every free value 0), which the normal prior never draws"
                    + " (default 0: the prior as before; docs/training.md).")
    Double openingShare;

    @Option(
            names = "--threads",
            split = ",",
            paramLabel = "INTRA,INTER",
            description = "TensorFlow intra-op and "
                    + "inter-op threads of the training session (default: TensorFlow's, one per core).")
    List<Integer> threads;

    private final ModelTrainer trainer;

    TrainCommand(ModelTrainer trainer) {
        this.trainer = trainer;
    }

    /** The recipe list shown under the options of {@code train --help}: one sentence per recipe. */
    static String recipeHelp() {
        StringBuilder b = new StringBuilder("%nRecipes (--recipe):%n");
        for (Recipe r : Recipe.values()) {
            // Wrapped here, with the sentence's own indent: picocli would wrap a footer to the left margin.
            StringBuilder line = new StringBuilder(String.format("  %-14s", r.key()));
            for (String word : r.help().replace("%", "%%").split(" ")) {
                if (line.length() + word.length() + 1 > 79) {
                    b.append(line.toString().stripTrailing()).append("%n");
                    line = new StringBuilder(" ".repeat(16));
                }
                line.append(word).append(' ');
            }
            b.append(line.toString().stripTrailing()).append("%n");
        }
        return b.toString();
    }

    /** The config these options describe. */
    TrainingConfig config() {
        List<String> attrs = attributes != null
                ? attributes
                : recipe == Recipe.INFOGAN
                        ? Recipe.INFOGAN_CODES
                        : data.equals("synthetic") && recipe.usesLabels() ? FaceFactors.ATTRIBUTES : List.of();
        List<String> factors = categorical != null
                ? categorical
                : recipe == Recipe.INFOGAN && attributes == null
                        ? List.of(Recipe.infoganCode().toString())
                        : List.of();
        double fraction = labelFraction != null ? labelFraction : recipe == Recipe.SS_INFOGAN ? 0.1 : 1.0;
        TrainingConfig d = TrainingConfig.defaults(data, size, attrs, steps);
        // The recipe's weights (with --beta), then any term --weights names.
        LossWeights w = recipe.weights(size, d.hiddenUnits(), beta);
        if (weights != null) {
            for (var e : weights.entrySet()) {
                w = w.with(e.getKey(), e.getValue());
            }
        }
        TrainingConfig.Builder b = d.toBuilder()
                .weights(w)
                .labelFraction(fraction)
                .seed(seed)
                .categoricals(factors.stream().map(CategoricalFactor::parse).toList())
                .recipe(recipe)
                .tricks(tricks())
                .modelName(name != null ? name : out.getFileName().toString());
        // Options left out keep the defaults' values.
        ifGiven(free, b::freeDims);
        ifGiven(batch, b::batchSize);
        ifGiven(lr, b::learningRate);
        ifGiven(channels, b::baseChannels);
        ifGiven(checkpointEvery, b::checkpointEvery);
        ifGiven(sampleEvery, b::sampleEvery);
        ifGiven(ema, b::emaDecay);
        TrainingConfig c = b.build();
        return warmStart == null || resume ? c : shapedLikeWarmStart(c);
    }

    /** Passes an option's value on when the command line gave it. */
    private static <T> void ifGiven(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /**
     * A fine-tuned run has its model's shape: shape options left out are the model's, and one given that differs is
     * refused. Loss weights, the EMA decay and the labelled share are the model's unless given.
     */
    private TrainingConfig shapedLikeWarmStart(TrainingConfig c) {
        TrainingConfig s = FineTuning.of(warmStart, c, encoderOnly);
        agrees("--size", c.imageSize(), s.imageSize());
        agrees("--channels", c.baseChannels(), s.baseChannels());
        agrees("--free", c.freeDims(), s.freeDims());
        agrees("--attributes", c.attributes(), s.attributes());
        agrees("--categorical", c.categoricals(), s.categoricals());
        agrees("--recipe", c.recipe().key(), s.recipe().key());
        agrees("--mbstd", c.tricks().minibatchStd(), s.tricks().minibatchStd());
        boolean weightsGiven = given("--weights") || given("--beta");
        return s.toBuilder()
                .labelFraction(given("--label-fraction") ? c.labelFraction() : s.labelFraction())
                .weights(weightsGiven ? c.weights() : s.weights())
                .emaDecay(given("--ema") ? c.emaDecay() : s.emaDecay())
                .build();
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private void agrees(String option, Object asked, Object model) {
        if (given(option) && !asked.equals(model)) {
            throw new IllegalArgumentException(option + " " + asked + " differs from the model to start from (" + model
                    + "): a fine-tuned run keeps its model's shape; leave " + option + " out");
        }
    }

    private TrainingTricks tricks() {
        if (threads != null && threads.size() != 2) {
            throw new IllegalArgumentException("--threads takes two counts, INTRA,INTER (e.g. 2,1), not " + threads);
        }
        TrainingTricks n = TrainingTricks.NONE;
        return new TrainingTricks(
                r1 != null ? r1 : n.r1Gamma(),
                r1Every != null ? r1Every : n.r1Every(),
                augment != null ? augment : n.augment(),
                dLr != null ? dLr : n.dLearningRate(),
                mbstd,
                cpuMinutes != null ? cpuMinutes : n.cpuMinutes(),
                threads != null ? threads.get(0) : 0,
                threads != null ? threads.get(1) : 0,
                warmStart != null ? warmStart.toString() : "",
                encoderOnly,
                parsePrior(prior),
                bf16,
                openingShare != null ? openingShare : 0);
    }

    /** {@code --prior}: "balanced" (the default) or "data". */
    static boolean parsePrior(String value) {
        if (value == null || value.equals("balanced")) {
            return false;
        }
        if (value.equals("data")) {
            return true;
        }
        throw new IllegalArgumentException("--prior is 'balanced' (every attribute half the time) or 'data' (as often"
                + " as the training images have it), not '" + value + "'");
    }

    @Override
    public Integer call() throws Exception {
        var outWriter = spec.commandLine().getOut();
        TrainingConfig config = config();
        if (bf16 && !CpuBf16.available()) {
            spec.commandLine()
                    .getErr()
                    .println("Note: this CPU has no bfloat16 instructions (avx512_bf16, amx_bf16): --bf16 computes the"
                            + " same run, emulated and slower than without it.");
        }
        ProgressBar bar = new ProgressBar(System.out, "train", config.steps());
        AtomicBoolean cancel = new AtomicBoolean();
        // Ctrl+C (or SIGTERM) asks the trainer to stop after its current step, checkpoint and export. Handling
        // the signal ourselves keeps the JVM from shutting down under the trainer (native memory freed by other
        // shutdown hooks while TensorFlow still runs). A second Ctrl+C stops at once.
        StopSignals.install(() -> {
            if (!cancel.compareAndSet(false, true)) {
                Runtime.getRuntime().halt(130);
            }
            System.err.println("\nStopping after this step (checkpoint and export); Ctrl+C again to quit now.");
        });
        TrainingResult result = trainer.train(
                config,
                out,
                resume,
                new TrainingListener() {
                    @Override
                    public void onProgress(TrainingProgress p) {
                        // Only the terms the recipe has: an autoencoder has no D loss to show.
                        StringBuilder shown = new StringBuilder();
                        for (LossTerm t : List.of(LossTerm.D, LossTerm.GE, LossTerm.RECON_L1)) {
                            Double v = p.losses().get(t);
                            if (v != null) {
                                shown.append(String.format(
                                        Locale.ROOT, " %s %.3f", t == LossTerm.RECON_L1 ? "rec" : t.key(), v));
                            }
                        }
                        if (p.hasCpuBudget()) {
                            // The budget, not the step target, ends such a run: show how much of it is spent.
                            shown.insert(
                                    0,
                                    String.format(
                                            Locale.ROOT,
                                            " cpu %.0f/%.0f min",
                                            p.cpuSeconds() / 60,
                                            p.cpuLimitSeconds() / 60));
                            bar.update(p.step(), p.fractionDone(), p.eta(), shown.toString());
                        } else {
                            bar.update(p.step(), shown.toString());
                        }
                    }

                    @Override
                    public void onMessage(String message) {
                        outWriter.println();
                        outWriter.println(message);
                    }
                },
                cancel::get);
        outWriter.println(
                (result.completed() ? "Finished" : "Stopped") + " at step " + result.step() + "; model bundle in "
                        + result.bundle() + ". Measure it with: latent-lens evaluate " + result.bundle());
        return result.completed() ? 0 : 130;
    }
}
