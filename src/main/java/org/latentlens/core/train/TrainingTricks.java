package org.latentlens.core.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options an ablation switches: regularisers and architecture flags of the recipe, and the run's limits (CPU
 * budget, threads). {@link #NONE} is the recipe as it was before they existed, so runs that set none of them
 * compute exactly what they did.
 *
 * @param r1Gamma weight γ of the R1 penalty γ/2·E[‖∇ₓD(x)‖²] on real images (0: off)
 * @param r1Every lazy R1: the penalty is applied every {@code r1Every} steps, scaled by {@code r1Every} (1: every step)
 * @param augment differentiable augmentations applied to every image D sees in training, in this order:
 *     {@code color}, {@code translation}, {@code cutout} (DiffAugment); empty: none
 * @param dLearningRate D's Adam learning rate (two-time-scale rule); 0: the same as G's and E's
 * @param minibatchStd a minibatch standard deviation feature in D before its dense layer (changes D's weights)
 * @param cpuMinutes stop (checkpoint and export) when training has used this much CPU time; 0: no limit
 * @param intraOpThreads TensorFlow intra-op threads of the training session; 0: TensorFlow's default
 * @param interOpThreads TensorFlow inter-op threads of the training session; 0: TensorFlow's default
 * @param warmStart folder of a model bundle whose weights (G, E, D) a new run starts from instead of random ones
 *     (fine-tuning); empty: none. Used once, when the run starts; a resumed run continues from its checkpoint
 * @param encoderOnly train only the encoder, for the warm-started generator as it is: G, its moving average and D
 *     keep the bundle's weights (an encoder fitted to a finished generator, as in-domain GAN inversion does, Zhu et
 *     al. 2020). Raises reconstruction without changing a single image the sliders make. Needs {@code warmStart}
 * @param dataPrior the generated images of training draw each attribute as often as the training images have it
 *     (the manifest's {@code presence}) instead of half the time (each value of a categorical factor in the data's
 *     mix instead of equally often): G then learns the data's mix of faces, rare values get fewer training signals
 * @param bf16 mixed precision: the training graph's convolutions multiply in bfloat16 (inputs and kernels cast,
 *     results cast back); weights, their updates, every other operation, the losses and the exported model stay
 *     float32. Faster only where the CPU has BF16 instructions ({@code avx512_bf16}, AMX); measured in
 *     docs/performance.md, quality in docs/training.md
 * @param openingShare the share of the prior's codes in each batch whose free part is scaled by a factor drawn
 *     uniformly from [0, 1] (0: none, the prior as before). The app opens on every free value at 0, a code the
 *     standard normal prior all but never draws (its norm is 0 against a typical √d), so G is otherwise never
 *     trained near the first face a user sees; this covers the way from there to typical codes
 */
public record TrainingTricks(
        double r1Gamma,
        int r1Every,
        List<String> augment,
        double dLearningRate,
        boolean minibatchStd,
        double cpuMinutes,
        int intraOpThreads,
        int interOpThreads,
        String warmStart,
        boolean encoderOnly,
        boolean dataPrior,
        boolean bf16,
        double openingShare) {
    /** The augmentations {@code --augment} accepts. */
    public static final List<String> AUGMENTATIONS = List.of("color", "translation", "cutout");
    /** Lazy R1's default interval (as in StyleGAN2). */
    public static final int DEFAULT_R1_EVERY = 16;
    /** None of the options: the recipe and run as before. */
    public static final TrainingTricks NONE = new TrainingTricks(0, DEFAULT_R1_EVERY, List.of(), 0, false, 0, 0, 0);

    /** The options without a warm start. */
    public TrainingTricks(
            double r1Gamma,
            int r1Every,
            List<String> augment,
            double dLearningRate,
            boolean minibatchStd,
            double cpuMinutes,
            int intraOpThreads,
            int interOpThreads) {
        this(r1Gamma, r1Every, augment, dLearningRate, minibatchStd, cpuMinutes, intraOpThreads, interOpThreads, "");
    }

    /** The options, every network trained, attributes drawn half the time, in float32. */
    public TrainingTricks(
            double r1Gamma,
            int r1Every,
            List<String> augment,
            double dLearningRate,
            boolean minibatchStd,
            double cpuMinutes,
            int intraOpThreads,
            int interOpThreads,
            String warmStart) {
        this(
                r1Gamma,
                r1Every,
                augment,
                dLearningRate,
                minibatchStd,
                cpuMinutes,
                intraOpThreads,
                interOpThreads,
                warmStart,
                false,
                false,
                false);
    }

    /** The options with the standard prior for the free part (no {@code openingShare}). */
    public TrainingTricks(
            double r1Gamma,
            int r1Every,
            List<String> augment,
            double dLearningRate,
            boolean minibatchStd,
            double cpuMinutes,
            int intraOpThreads,
            int interOpThreads,
            String warmStart,
            boolean encoderOnly,
            boolean dataPrior,
            boolean bf16) {
        this(
                r1Gamma,
                r1Every,
                augment,
                dLearningRate,
                minibatchStd,
                cpuMinutes,
                intraOpThreads,
                interOpThreads,
                warmStart,
                encoderOnly,
                dataPrior,
                bf16,
                0);
    }

    /** Validates what a user can type; a run.json written before a field existed reads it as 0 or null. */
    public TrainingTricks {
        augment = augment == null ? List.of() : List.copyOf(augment);
        warmStart = warmStart == null ? "" : warmStart;
        if (r1Every == 0) {
            r1Every = DEFAULT_R1_EVERY;
        }
        if (!(r1Gamma >= 0 && r1Gamma < 1e6)) {
            throw new IllegalArgumentException("--r1 must be 0 (off) or a positive weight, not " + r1Gamma);
        }
        if (r1Every < 1) {
            throw new IllegalArgumentException("--r1-every must be at least 1, not " + r1Every);
        }
        for (String a : augment) {
            if (!AUGMENTATIONS.contains(a)) {
                throw new IllegalArgumentException(
                        "--augment knows " + String.join(", ", AUGMENTATIONS) + "; not '" + a + "'");
            }
        }
        if (augment.stream().distinct().count() != augment.size()) {
            throw new IllegalArgumentException("--augment names an augmentation twice: " + augment);
        }
        if (!(dLearningRate >= 0 && dLearningRate < 1)) {
            throw new IllegalArgumentException("--d-lr must be between 0 and 1, not " + dLearningRate);
        }
        if (!(cpuMinutes >= 0) || Double.isInfinite(cpuMinutes)) {
            throw new IllegalArgumentException("--cpu-minutes must be positive (or 0 for no limit), not " + cpuMinutes);
        }
        if (intraOpThreads < 0 || interOpThreads < 0 || intraOpThreads > 1024 || interOpThreads > 1024) {
            throw new IllegalArgumentException("--threads must be two counts between 1 and 1024 (0: TensorFlow's "
                    + "default), not " + intraOpThreads + "," + interOpThreads);
        }
        if (!(openingShare >= 0 && openingShare <= 1)) {
            throw new IllegalArgumentException("--opening-share must be a share between 0 and 1, not " + openingShare);
        }
        if (encoderOnly && warmStart.isEmpty()) {
            throw new IllegalArgumentException("--encoder-only fits the encoder to a trained generator: give the model "
                    + "with --warm-start BUNDLE");
        }
        if (encoderOnly && (r1Gamma > 0 || !augment.isEmpty() || dLearningRate > 0)) {
            throw new IllegalArgumentException(
                    "--encoder-only leaves D as it is: --r1, --augment and --d-lr do not apply");
        }
    }

    /** The options that change the discriminator, as the command line names them (for messages). */
    public static final String DISCRIMINATOR_OPTIONS = "--r1, --augment, --d-lr and --mbstd";

    /** Whether an option that changes the discriminator (R1, augmentation, its learning rate, mbstd) is set. */
    public boolean actsOnDiscriminator() {
        return r1Gamma > 0 || !augment.isEmpty() || dLearningRate > 0 || minibatchStd;
    }

    /** Whether {@code name} (one of {@link #AUGMENTATIONS}) is on. */
    public boolean augments(String name) {
        return augment.contains(name);
    }

    /** D's learning rate for a run whose G and E use {@code learningRate}. */
    public double discriminatorLearningRate(double learningRate) {
        return dLearningRate > 0 ? dLearningRate : learningRate;
    }

    /** A copy with another CPU budget. */
    public TrainingTricks withCpuMinutes(double minutes) {
        Copy c = new Copy(this);
        c.cpuMinutes = minutes;
        return c.build();
    }

    /** A copy with other thread counts. */
    public TrainingTricks withThreads(int intra, int inter) {
        Copy c = new Copy(this);
        c.intraOpThreads = intra;
        c.interOpThreads = inter;
        return c.build();
    }

    /** A copy that starts from the weights of the bundle in {@code bundle} (empty: from random weights). */
    public TrainingTricks withWarmStart(String bundle) {
        Copy c = new Copy(this);
        c.warmStart = bundle;
        c.encoderOnly = encoderOnly && !bundle.isEmpty();
        return c.build();
    }

    /** A copy whose convolutions compute in bfloat16 ({@code true}) or float32. */
    public TrainingTricks withBf16(boolean on) {
        Copy c = new Copy(this);
        c.bf16 = on;
        return c.build();
    }

    /** A copy in which {@code share} of the prior's codes have their free part shrunk towards 0. */
    public TrainingTricks withOpeningShare(double share) {
        Copy c = new Copy(this);
        c.openingShare = share;
        return c.build();
    }

    /**
     * The fields of a record being copied with some of them changed: the {@code with...} methods set what they change
     * and build, so a new field is added here once instead of in every copy method.
     */
    private static final class Copy {
        private final double r1Gamma;
        private final int r1Every;
        private final List<String> augment;
        private final double dLearningRate;
        private final boolean minibatchStd;
        private final boolean dataPrior;
        private double cpuMinutes;
        private int intraOpThreads;
        private int interOpThreads;
        private String warmStart;
        private boolean encoderOnly;
        private boolean bf16;
        private double openingShare;

        Copy(TrainingTricks t) {
            r1Gamma = t.r1Gamma;
            r1Every = t.r1Every;
            augment = t.augment;
            dLearningRate = t.dLearningRate;
            minibatchStd = t.minibatchStd;
            cpuMinutes = t.cpuMinutes;
            intraOpThreads = t.intraOpThreads;
            interOpThreads = t.interOpThreads;
            warmStart = t.warmStart;
            encoderOnly = t.encoderOnly;
            dataPrior = t.dataPrior;
            bf16 = t.bf16;
            openingShare = t.openingShare;
        }

        TrainingTricks build() {
            return new TrainingTricks(
                    r1Gamma,
                    r1Every,
                    augment,
                    dLearningRate,
                    minibatchStd,
                    cpuMinutes,
                    intraOpThreads,
                    interOpThreads,
                    warmStart,
                    encoderOnly,
                    dataPrior,
                    bf16,
                    openingShare);
        }
    }

    /**
     * A resumed run keeps its recipe but takes the limits the new command gives (a larger CPU budget extends it, as
     * more {@code --steps} do); limits it does not give stay as they were. The precision is the new command's: it is
     * how the machine computes, like the threads, and a run may move to a machine without BF16.
     */
    public TrainingTricks withLimitsFrom(TrainingTricks requested) {
        TrainingTricks t = requested.cpuMinutes() > 0 ? withCpuMinutes(requested.cpuMinutes()) : this;
        t = t.withBf16(requested.bf16());
        return requested.intraOpThreads() > 0 || requested.interOpThreads() > 0
                ? t.withThreads(requested.intraOpThreads(), requested.interOpThreads())
                : t;
    }

    /**
     * The options that are set, as text for the manifest's training record. Options left at their default are left
     * out, so a model trained without them has the same model card as before they existed.
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (r1Gamma > 0) {
            m.put("r1Gamma", Double.toString(r1Gamma));
            m.put("r1Every", Integer.toString(r1Every));
        }
        if (!augment.isEmpty()) {
            m.put("augment", String.join(",", augment));
        }
        if (dLearningRate > 0) {
            m.put("dLearningRate", Double.toString(dLearningRate));
        }
        if (minibatchStd) {
            m.put("minibatchStd", "true");
        }
        if (cpuMinutes > 0) {
            m.put("cpuMinutes", Double.toString(cpuMinutes));
        }
        if (!warmStart.isEmpty()) {
            m.put("warmStart", warmStart);
        }
        if (encoderOnly) {
            m.put("encoderOnly", "true");
        }
        if (dataPrior) {
            m.put("prior", "data");
        }
        if (bf16) {
            m.put("precision", "bf16");
        }
        if (openingShare > 0) {
            m.put("openingShare", Double.toString(openingShare));
        }
        if (intraOpThreads > 0 || interOpThreads > 0) {
            m.put("threads", String.format(Locale.ROOT, "%d,%d", intraOpThreads, interOpThreads));
        }
        return m;
    }
}
