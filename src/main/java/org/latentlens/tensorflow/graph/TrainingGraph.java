package org.latentlens.tensorflow.graph;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.latentlens.core.train.LossTerm;
import org.latentlens.core.train.LossWeights;
import org.latentlens.core.train.Recipe;
import org.latentlens.core.train.StepInputs;
import org.latentlens.core.train.TrainingConfig;
import org.latentlens.core.train.TrainingEngine;
import org.latentlens.core.train.TrainingTricks;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The training graph of one {@link Recipe}: its networks (of E, G and D) and loss terms (built by
 * {@link RecipeLosses}), Adam for each network, and a moving average of G. One {@link #step} runs one
 * simultaneous update of all networks.
 *
 * <p>The interpretable GAN's loss terms (weights in {@link LossWeights}):
 * <ul>
 *   <li>adversarial, non-saturating: D tells real images from both G(z) and G(E(x));</li>
 *   <li>attribute supervision: E's and D's attribute heads, and E's semantic code, fit the labels of labelled
 *       real images (masked, so unlabelled images only train the other terms);</li>
 *   <li>info: D's head and E read back, from G(z), the semantic values G was given;</li>
 *   <li>latent: E(G(z)) recovers the whole code z, free part included;</li>
 *   <li>reconstruction: L1 between x and G(E(x)), plus KL of the free code.</li>
 * </ul>
 *
 * <p>The ablation options ({@link TrainingTricks}) change every recipe that has a discriminator: R1 adds
 * γ/2·E[‖∇ₓD(x)‖²] on real images to D's loss (lazily: every {@code r1Every} steps, scaled by {@code r1Every});
 * DiffAugment augments every image D sees; D may have its own learning rate; D may have a minibatch standard
 * deviation feature. With none set, the graph is the recipe's, op for op.
 */
public final class TrainingGraph implements TrainingEngine, AutoCloseable {
    /** Adam first-moment decay (0.5, as usual for GANs). */
    public static final float BETA1 = 0.5f;
    /** Adam second-moment decay. */
    public static final float BETA2 = 0.99f;

    private final GanArchitecture arch;
    private final Graph graph = new Graph();
    private final Session session;
    private final ParameterSet params;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TFloat32> labels;
    private final Placeholder<TFloat32> mask;
    private final Placeholder<TFloat32> semantic;
    private final Placeholder<TFloat32> semanticTarget;
    private final Placeholder<TFloat32> free;
    private final Placeholder<TFloat32> noise;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Placeholder<TFloat32> emaDecay;
    private final Placeholder<TFloat32> sampleCodes;
    private final Operand<TFloat32> samples;
    private final Map<LossTerm, Operand<TFloat32>> losses = new EnumMap<>(LossTerm.class);
    private final List<Op> updates = new ArrayList<>();
    /** D's updates with the R1 penalty's gradient added, run in place of D's plain updates on R1 steps. */
    private final List<Op> discriminatorUpdatesWithR1 = new ArrayList<>();

    private final List<Op> discriminatorUpdates;
    private final Operand<TFloat32> r1Penalty;
    private final int r1Every;
    private final DiffAugment augment;
    /** The real images as D sees them (augmented, when on); null for a recipe without D. */
    private final Operand<TFloat32> realSeenByD;

    private final Placeholder<TFloat32> statisticsDecay;
    private final long seed;

    /** Builds the interpretable GAN's graph; call {@link #initialize} or {@link #restore} before stepping. */
    public TrainingGraph(GanArchitecture arch, LossWeights w) {
        this(arch, Recipe.INTERPRETABLE, w);
    }

    /** Builds the graph of {@code recipe} without ablation options: only its networks and loss terms. */
    public TrainingGraph(GanArchitecture arch, Recipe recipe, LossWeights w) {
        this(arch, recipe, w, TrainingTricks.NONE, 1.0, 0);
    }

    /** Builds the graph for {@code config}'s recipe, loss weights, ablation options, learning rates and seed. */
    public TrainingGraph(GanArchitecture arch, TrainingConfig config) {
        this(
                arch,
                config.recipe(),
                config.weights(),
                config.tricks(),
                config.tricks().discriminatorLearningRate(config.learningRate()) / config.learningRate(),
                config.seed());
    }

    /** The interpretable GAN's graph with ablation options (tests). */
    TrainingGraph(GanArchitecture arch, LossWeights w, TrainingTricks tricks, double dLearningRateRatio, long seed) {
        this(arch, Recipe.INTERPRETABLE, w, tricks, dLearningRateRatio, seed);
    }

    /**
     * Builds the graph of {@code recipe}: only its networks and loss terms, changed by {@code tricks}.
     *
     * @param dLearningRateRatio D's learning rate as a multiple of the fed one (G's and E's)
     * @param seed seeds the augmentations' random values (with the step)
     */
    TrainingGraph(
            GanArchitecture arch,
            Recipe recipe,
            LossWeights w,
            TrainingTricks tricks,
            double dLearningRateRatio,
            long seed) {
        if (!recipe.hasDiscriminator() && (tricks.actsOnDiscriminator() || arch.minibatchStd())) {
            throw new IllegalArgumentException(TrainingTricks.DISCRIMINATOR_OPTIONS + " act on the discriminator, and "
                    + "recipe " + recipe.key() + " has none");
        }
        this.arch = arch;
        this.seed = seed;
        this.r1Every = tricks.r1Every();
        Ops tf = Ops.create(graph);
        params = new ParameterSet(tf);
        GanNetworks nets = new GanNetworks(tf, params, arch, tricks.bf16());
        int s = arch.semanticDims();
        int f = arch.freeDims();
        int a = arch.attributeCount();
        images = placeholder(tf, "x", -1, arch.imageSize(), arch.imageSize(), arch.channels());
        labels = placeholder(tf, "labels", -1, a);
        mask = placeholder(tf, "label_mask", -1, a);
        semantic = placeholder(tf, "z_semantic", -1, s);
        semanticTarget = placeholder(tf, "z_semantic_target", -1, s);
        free = placeholder(tf, "z_free", -1, f);
        noise = placeholder(tf, "eps", -1, f);
        learningRate = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        emaDecay = tf.withName("ema_decay").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        statisticsDecay =
                tf.withName("statistics_decay").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        // Every image D sees goes through the same (possibly empty) augmentation, each call with its own random values.
        augment = new DiffAugment(tf, tricks.augment(), arch.imageSize(), arch.channels());
        RecipeLosses.Built built = RecipeLosses.build(
                recipe,
                tf,
                nets,
                w,
                new RecipeLosses.Inputs(images, labels, mask, semantic, semanticTarget, free, noise),
                augment);
        losses.putAll(built.terms());
        realSeenByD = built.realSeenByD();

        if (tricks.encoderOnly() && !recipe.hasEncoder()) {
            throw new IllegalArgumentException(
                    "--encoder-only trains the encoder, and recipe " + recipe.key() + " has none");
        }
        // Encoder only: G, D and G's average are left out of every update, so the exported generator stays the
        // warm-started one bit for bit (G and its average both start from it).
        boolean everyNetwork = !tricks.encoderOnly();
        List<Operand<TFloat32>> dVars =
                everyNetwork && recipe.hasDiscriminator() ? params.variables(GanNetworks.DISCRIMINATOR) : List.of();
        List<Operand<TFloat32>> geVars =
                new ArrayList<>(everyNetwork ? params.variables(GanNetworks.GENERATOR) : List.of());
        if (recipe.hasEncoder()) {
            geVars.addAll(trained(GanNetworks.ENCODER, built.untrained()));
        }
        List<Operand<?>> dGrads = dVars.isEmpty()
                ? List.of()
                : new ArrayList<>(tf.gradients(built.lossD(), dVars).dy());
        List<Operand<?>> geGrads =
                new ArrayList<>(tf.gradients(built.lossGE(), geVars).dy());
        // Every gradient is computed from the same weights before any update runs.
        List<Op> allGrads = new ArrayList<>(dGrads);
        allGrads.addAll(geGrads);
        Ops afterGrads = tf.withControlDependencies(allGrads);
        Adam.Inputs adam = new Adam.Inputs(learningRate, beta1Power, beta2Power);
        // Two-time-scale rule: D's step size is a fixed multiple of G's and E's, so a roll-back that halves the fed
        // rate
        // halves both.
        Adam.Inputs adamD = dLearningRateRatio == 1.0
                ? adam
                : new Adam.Inputs(
                        tf.math.mul(learningRate, tf.constant((float) dLearningRateRatio)), beta1Power, beta2Power);
        discriminatorUpdates =
                dVars.isEmpty() ? List.of() : Adam.updates(tf, afterGrads, params, dVars, dGrads, adamD, BETA1, BETA2);
        List<Op> gUpdates = Adam.updates(tf, afterGrads, params, geVars, geGrads, adam, BETA1, BETA2);
        updates.addAll(gUpdates);
        r1Penalty = tricks.r1Gamma() > 0 ? r1(tf, built.realismOfReal(), dVars, dGrads, allGrads, adamD, tricks) : null;
        if (arch.minibatchStd()) {
            // What the exported D reads in place of a batch's own value (see MinibatchStd). It exists in every run with
            // the statistic, so checkpoints and the export carry it; fitting only E keeps the warm-started value.
            Operand<TFloat32> running = nets.runningMinibatchStd();
            if (everyNetwork) {
                updates.add(tf.assign(
                        running,
                        tf.math.add(
                                tf.math.mul(running, statisticsDecay),
                                tf.math.mul(
                                        built.minibatchStdOfReal(), tf.math.sub(tf.constant(1f), statisticsDecay)))));
            }
        }

        // The exported generator is a moving average of G, updated after G's step. The ops that read G must themselves
        // wait for the update: G's variables are read when an op runs, so a read created outside the control dependency
        // ran before ApplyAdam and averaged the previous step's weights.
        Ops afterG = tf.withControlDependencies(gUpdates);
        for (ParameterSet.Entry g : params.entries(GanNetworks.GENERATOR)) {
            var ema = params.add(
                    GanNetworks.GENERATOR_EMA + g.name().substring(GanNetworks.GENERATOR.length()),
                    GanNetworks.GENERATOR_EMA,
                    ParameterSet.Init.ZEROS,
                    0f,
                    g.shape());
            if (!everyNetwork) {
                continue;
            }
            updates.add(afterG.assign(
                    ema,
                    afterG.math.add(
                            afterG.math.mul(ema, emaDecay),
                            afterG.math.mul(g.variable(), afterG.math.sub(afterG.constant(1f), emaDecay)))));
        }
        sampleCodes = placeholder(tf, "z_sample", -1, arch.latentDims());
        samples = nets.generate(sampleCodes, GanNetworks.GENERATOR_EMA);
        session = new Session(graph, SessionOptions.config(tricks.intraOpThreads(), tricks.interOpThreads()));
    }

    /**
     * The R1 penalty E[‖∇ₓD(x)‖²] on the real images as D sees them, and D's updates with its gradient added (scaled by
     * γ/2 and the lazy interval) to the plain loss's. The penalty reads only D's weights and the real images, so its
     * gradients may be computed while G's update runs; D's update waits for them.
     */
    private Operand<TFloat32> r1(
            Ops tf,
            Operand<TFloat32> realism,
            List<Operand<TFloat32>> dVars,
            List<Operand<?>> dGrads,
            List<Op> allGrads,
            Adam.Inputs adamD,
            TrainingTricks tricks) {
        Losses l = new Losses(tf);
        // The seed of the inner gradient is a constant: TensorFlow's default seed (OnesLike) has no gradient itself.
        @SuppressWarnings({"unchecked", "rawtypes"})
        Operand<TFloat32> pixelGrad = (Operand) tf.gradients(
                        tf.reduceSum(realism, tf.constant(0)),
                        List.of(realSeenByD),
                        Gradients.dx(List.of(tf.constant(1f))))
                .dy(0);
        Operand<TFloat32> penalty = l.mean(tf.reduceSum(tf.math.square(pixelGrad), tf.constant(new int[] {1, 2, 3})));
        Operand<TFloat32> weighted = l.scale(tricks.r1Gamma() / 2 * tricks.r1Every(), penalty);
        // The penalty does not depend on D's other heads (attributes, InfoGAN's Q) or on the realism bias (a constant
        // shift of the score), and TensorFlow refuses a gradient for a variable the loss does not reach.
        List<Integer> reached = new ArrayList<>();
        for (int i = 0; i < dVars.size(); i++) {
            if (reachedByRealism(dVars.get(i).op().name())) {
                reached.add(i);
            }
        }
        List<org.tensorflow.Output<?>> all = tf.gradients(
                        weighted, reached.stream().map(dVars::get).toList())
                .dy();
        List<Operand<?>> r1Grads = new ArrayList<>();
        List<Operand<?>> combined = new ArrayList<>(dGrads);
        for (int k = 0; k < reached.size(); k++) {
            // A bias before a LeakyReLU moves the penalty only through which side of the kink a pixel is on: its
            // gradient
            // is zero, and TensorFlow returns none (an output without an operation).
            if (all.get(k).isClosed()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Operand<TFloat32> plain = (Operand<TFloat32>) dGrads.get(reached.get(k));
            @SuppressWarnings("unchecked")
            Operand<TFloat32> extra = (Operand<TFloat32>) all.get(k);
            r1Grads.add(extra);
            combined.set(reached.get(k), tf.math.add(plain, extra));
        }
        List<Op> waitFor = new ArrayList<>(allGrads);
        waitFor.addAll(r1Grads);
        discriminatorUpdatesWithR1.addAll(
                Adam.updates(tf, tf.withControlDependencies(waitFor), params, dVars, combined, adamD, BETA1, BETA2));
        return penalty;
    }

    /** Whether D's realism score depends on variable {@code name}: the trunk and the realism weights do. */
    private static boolean reachedByRealism(String name) {
        String d = GanNetworks.DISCRIMINATOR + ".";
        return !name.startsWith(d + "attributes.")
                && !name.startsWith(d + "q_continuous.")
                && !name.equals(d + "realism.b");
    }

    /** The variables of {@code group} except those whose names hold one of {@code untrained}. */
    private List<Operand<TFloat32>> trained(String group, List<String> untrained) {
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (ParameterSet.Entry e : params.entries(group)) {
            if (untrained.stream().noneMatch(e.name()::contains)) {
                out.add(e.variable());
            }
        }
        return out;
    }

    private static Placeholder<TFloat32> placeholder(Ops tf, String name, long... shape) {
        return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
    }

    public GanArchitecture architecture() {
        return arch;
    }

    /** Seeded initial weights; the EMA generator starts equal to G. */
    @Override
    public void initialize(long seed) {
        params.initialize(session, seed);
        Map<String, float[]> all = params.read(session);
        Map<String, float[]> ema = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            if (name.startsWith(GanNetworks.GENERATOR + ".")) {
                ema.put(GanNetworks.GENERATOR_EMA + name.substring(GanNetworks.GENERATOR.length()), value);
            }
        });
        params.assign(session, ema);
    }

    /** Every variable (weights, EMA, optimizer state) by name. */
    @Override
    public Map<String, float[]> state() {
        return params.read(session);
    }

    /** Sets every variable from a checkpoint; fails if one is missing. */
    @Override
    public void restore(Map<String, float[]> values) {
        for (ParameterSet.Entry e : params.entries()) {
            if (!values.containsKey(e.name())) {
                throw new IllegalArgumentException(
                        "the checkpoint lacks " + e.name() + "; it was written for another architecture");
            }
        }
        params.assign(session, values);
    }

    private static final Set<String> WARM_STARTED_GROUPS = Set.of(
            GanNetworks.ENCODER,
            GanNetworks.GENERATOR,
            GanNetworks.GENERATOR_EMA,
            GanNetworks.DISCRIMINATOR,
            GanNetworks.DISCRIMINATOR_STATS);

    /**
     * Starts from an exported model's weights (a warm start): E, D (with its statistics) and G as the bundle holds
     * them; the EMA generator starts equal to G, and the optimizers' state stays as {@link #initialize} left it.
     * Fails, naming the first difference, when the bundle was trained with another architecture.
     */
    public void warmStart(Map<String, float[]> exported) {
        params.assign(session, warmStartValues(exported));
    }

    /**
     * What {@link #warmStart} would assign, by this graph's variable names; throws an {@link IllegalArgumentException}
     * naming the first difference when {@code exported} comes from another architecture.
     */
    public Map<String, float[]> warmStartValues(Map<String, float[]> exported) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ParameterSet.Entry e : params.entries()) {
            if (!WARM_STARTED_GROUPS.contains(e.group())) {
                continue; // optimizer state starts fresh
            }
            String name = e.name();
            // The bundle holds the moving-average generator under G's names: it seeds both G and the average.
            String source = name.startsWith(GanNetworks.GENERATOR_EMA + ".")
                    ? GanNetworks.GENERATOR + name.substring(GanNetworks.GENERATOR_EMA.length())
                    : name;
            float[] v = exported.get(source);
            if (v == null || v.length != e.size()) {
                throw new IllegalArgumentException(
                        "the model to start from "
                                + (v == null
                                        ? "has no " + source
                                        : "has " + v.length + " numbers in " + source + " where this run needs "
                                                + e.size())
                                + ": it was trained with another architecture (size, channels, attributes, free dimensions or --mbstd)");
            }
            values.put(name, v);
        }
        return values;
    }

    /**
     * The weights to export: E, D (with its statistics), and the EMA generator under G's names.
     */
    public static Map<String, float[]> exportWeights(Map<String, float[]> state) {
        Map<String, float[]> out = new LinkedHashMap<>();
        state.forEach((name, value) -> {
            if (name.startsWith(GanNetworks.ENCODER + ".")
                    || name.startsWith(GanNetworks.DISCRIMINATOR + ".")
                    || name.startsWith(GanNetworks.DISCRIMINATOR_STATS + ".")) {
                out.put(name, value);
            } else if (name.startsWith(GanNetworks.GENERATOR_EMA + ".")) {
                out.put(GanNetworks.GENERATOR + name.substring(GanNetworks.GENERATOR_EMA.length()), value);
            }
        });
        return out;
    }

    /**
     * One step's inputs; arrays are row-major and sized for {@code count} images.
     *
     * @param step the step's number, from 1: it decides lazy R1's steps and seeds the augmentations
     */
    public record StepInput(
            int count,
            float[] images,
            float[] labels,
            float[] mask,
            float[] semantic,
            float[] semanticTarget,
            float[] free,
            float[] noise,
            float learningRate,
            float beta1Power,
            float beta2Power,
            float emaDecay,
            long step) {
        /** Inputs of step 1. */
        public StepInput(
                int count,
                float[] images,
                float[] labels,
                float[] mask,
                float[] semantic,
                float[] semanticTarget,
                float[] free,
                float[] noise,
                float learningRate,
                float beta1Power,
                float beta2Power,
                float emaDecay) {
            this(
                    count,
                    images,
                    labels,
                    mask,
                    semantic,
                    semanticTarget,
                    free,
                    noise,
                    learningRate,
                    beta1Power,
                    beta2Power,
                    emaDecay,
                    1);
        }
    }

    @Override
    public Map<LossTerm, Double> step(StepInputs in) {
        long t = in.step();
        return step(new StepInput(
                in.count(),
                in.images(),
                in.labels(),
                in.mask(),
                in.semantic(),
                in.semanticTarget(),
                in.free(),
                in.noise(),
                (float) in.learningRate(),
                (float) Math.pow(BETA1, t),
                (float) Math.pow(BETA2, t),
                (float) in.emaDecay(),
                t));
    }

    /**
     * Runs one update of all networks and returns the loss values; on the steps where R1 applies, also its penalty
     * E[‖∇ₓD(x)‖²] as {@link LossTerm#R1} (before weighting).
     */
    public Map<LossTerm, Double> step(StepInput in) {
        List<TFloat32> fed = new ArrayList<>();
        try {
            Session.Runner r = feedStep(session.runner(), in, fed);
            // Terms that do not apply (no attributes, no free part) share one zero constant, and a run's result cannot
            // hold the same tensor twice: fetch each once.
            List<Operand<TFloat32>> fetched = new ArrayList<>(new LinkedHashSet<>(losses.values()));
            boolean withR1 = r1Penalty != null && in.step() % r1Every == 0;
            if (withR1) {
                fetched.add(r1Penalty);
            }
            fetched.forEach(r::fetch);
            updates.forEach(r::addTarget);
            (withR1 ? discriminatorUpdatesWithR1 : discriminatorUpdates).forEach(r::addTarget);
            Map<LossTerm, Double> out = new EnumMap<>(LossTerm.class);
            try (Result result = r.run()) {
                losses.forEach(
                        (name, loss) -> out.put(name, (double) Tensors.scalarValue(result.get(fetched.indexOf(loss)))));
                if (withR1) {
                    out.put(LossTerm.R1, (double) Tensors.scalarValue(result.get(fetched.size() - 1)));
                }
            }
            return out;
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    /** The real images as D sees them in step {@code in} (augmented, if on), without updating anything: for tests. */
    float[] realImagesSeenByD(StepInput in) {
        List<TFloat32> fed = new ArrayList<>();
        try (Result result =
                feedStep(session.runner(), in, fed).fetch(realSeenByD).run()) {
            return Tensors.toArray(result.get(0));
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    private Session.Runner feedStep(Session.Runner runner, StepInput in, List<TFloat32> fed) {
        int n = in.count();
        int size = arch.imageSize();
        augment.feed(runner, n, augmentRandom(in.step()), fed);
        return runner.feed(statisticsDecay, track(fed, Tensors.scalar(MinibatchStd.decay(in.step()))))
                .feed(images, track(fed, Tensors.of(in.images(), n, size, size, arch.channels())))
                .feed(labels, track(fed, Tensors.of(in.labels(), n, arch.attributeCount())))
                .feed(mask, track(fed, Tensors.of(in.mask(), n, arch.attributeCount())))
                .feed(semantic, track(fed, Tensors.of(in.semantic(), n, arch.semanticDims())))
                .feed(semanticTarget, track(fed, Tensors.of(in.semanticTarget(), n, arch.semanticDims())))
                .feed(free, track(fed, Tensors.of(in.free(), n, arch.freeDims())))
                .feed(noise, track(fed, Tensors.of(in.noise(), n, arch.freeDims())))
                .feed(learningRate, track(fed, Tensors.scalar(in.learningRate())))
                .feed(beta1Power, track(fed, Tensors.scalar(in.beta1Power())))
                .feed(beta2Power, track(fed, Tensors.scalar(in.beta2Power())))
                .feed(emaDecay, track(fed, Tensors.scalar(in.emaDecay())));
    }

    /** The augmentations' random values of a step: a function of the seed and the step, so a resumed run repeats. */
    private Random augmentRandom(long step) {
        long x = seed * 0x9E3779B97F4A7C15L + step;
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return new Random(x ^ (x >>> 33));
    }

    /** Images from the EMA generator for the given codes (rows of {@code latentDims} values). */
    @Override
    public float[] sample(float[] codes, int count) {
        try (TFloat32 z = Tensors.of(codes, count, arch.latentDims());
                Result result =
                        session.runner().feed(sampleCodes, z).fetch(samples).run()) {
            return Tensors.toArray(result.get(0));
        }
    }

    private static TFloat32 track(List<TFloat32> list, TFloat32 t) {
        list.add(t);
        return t;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
