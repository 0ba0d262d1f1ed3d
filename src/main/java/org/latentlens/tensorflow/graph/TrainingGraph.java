package org.latentlens.tensorflow.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.latentlens.core.train.LossTerm;
import org.latentlens.core.train.LossWeights;
import org.latentlens.core.train.Recipe;
import org.latentlens.core.train.StepInputs;
import org.latentlens.core.train.TrainingEngine;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
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
  private final Map<LossTerm, Operand<TFloat32>> losses = new java.util.EnumMap<>(LossTerm.class);
  private final List<Op> updates = new ArrayList<>();

  /** Builds the interpretable GAN's graph; call {@link #initialize} or {@link #restore} before stepping. */
  public TrainingGraph(GanArchitecture arch, LossWeights w) {
    this(arch, Recipe.INTERPRETABLE, w);
  }

  /** Builds the graph of {@code recipe}: only its networks and loss terms. */
  public TrainingGraph(GanArchitecture arch, Recipe recipe, LossWeights w) {
    this.arch = arch;
    Ops tf = Ops.create(graph);
    params = new ParameterSet(tf);
    GanNetworks nets = new GanNetworks(tf, params, arch);
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
    RecipeLosses.Built built = RecipeLosses.build(recipe, tf, nets, w,
        new RecipeLosses.Inputs(images, labels, mask, semantic, semanticTarget, free, noise));
    losses.putAll(built.terms());

    List<Operand<TFloat32>> dVars = recipe.hasDiscriminator() ? params.variables(GanNetworks.DISCRIMINATOR)
        : List.of();
    List<Operand<TFloat32>> geVars = new ArrayList<>(params.variables(GanNetworks.GENERATOR));
    if (recipe.hasEncoder()) {
      geVars.addAll(trained(GanNetworks.ENCODER, built.untrained()));
    }
    List<Operand<?>> dGrads = dVars.isEmpty() ? List.of() : new ArrayList<>(tf.gradients(built.lossD(), dVars).dy());
    List<Operand<?>> geGrads = new ArrayList<>(tf.gradients(built.lossGE(), geVars).dy());
    // Every gradient is computed from the same weights before any update runs.
    List<Op> allGrads = new ArrayList<>(dGrads);
    allGrads.addAll(geGrads);
    Ops afterGrads = tf.withControlDependencies(allGrads);
    Adam.Inputs adam = new Adam.Inputs(learningRate, beta1Power, beta2Power);
    if (!dVars.isEmpty()) {
      updates.addAll(Adam.updates(tf, afterGrads, params, dVars, dGrads, adam, BETA1, BETA2));
    }
    List<Op> gUpdates = Adam.updates(tf, afterGrads, params, geVars, geGrads, adam, BETA1, BETA2);
    updates.addAll(gUpdates);

    // The exported generator is a moving average of G, updated after G's step. The ops that read G must themselves
    // wait for the update: G's variables are read when an op runs, so a read created outside the control dependency
    // ran before ApplyAdam and averaged the previous step's weights.
    Ops afterG = tf.withControlDependencies(gUpdates);
    for (ParameterSet.Entry g : params.entries(GanNetworks.GENERATOR)) {
      var ema = params.add(GanNetworks.GENERATOR_EMA + g.name().substring(GanNetworks.GENERATOR.length()),
          GanNetworks.GENERATOR_EMA, ParameterSet.Init.ZEROS, 0f, g.shape());
      updates.add(afterG.assign(ema, afterG.math.add(afterG.math.mul(ema, emaDecay),
          afterG.math.mul(g.variable(), afterG.math.sub(afterG.constant(1f), emaDecay)))));
    }
    sampleCodes = placeholder(tf, "z_sample", -1, arch.latentDims());
    samples = nets.generate(sampleCodes, GanNetworks.GENERATOR_EMA);
    session = new Session(graph, SessionOptions.config());
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
        throw new IllegalArgumentException("the checkpoint lacks " + e.name()
            + "; it was written for another architecture");
      }
    }
    params.assign(session, values);
  }

  /**
   * The weights to export: E, D, and the EMA generator under G's names.
   */
  public static Map<String, float[]> exportWeights(Map<String, float[]> state) {
    Map<String, float[]> out = new LinkedHashMap<>();
    state.forEach((name, value) -> {
      if (name.startsWith(GanNetworks.ENCODER + ".") || name.startsWith(GanNetworks.DISCRIMINATOR + ".")) {
        out.put(name, value);
      } else if (name.startsWith(GanNetworks.GENERATOR_EMA + ".")) {
        out.put(GanNetworks.GENERATOR + name.substring(GanNetworks.GENERATOR_EMA.length()), value);
      }
    });
    return out;
  }

  /** One step's inputs; arrays are row-major and sized for {@code count} images. */
  public record StepInput(int count, float[] images, float[] labels, float[] mask, float[] semantic,
      float[] semanticTarget, float[] free, float[] noise, float learningRate, float beta1Power, float beta2Power,
      float emaDecay) {}

  @Override
  public Map<LossTerm, Double> step(StepInputs in) {
    long t = in.step();
    return step(new StepInput(in.count(), in.images(), in.labels(), in.mask(), in.semantic(), in.semanticTarget(),
        in.free(), in.noise(), (float) in.learningRate(), (float) Math.pow(BETA1, t), (float) Math.pow(BETA2, t),
        (float) in.emaDecay()));
  }

  /** Runs one update of all networks and returns the loss values. */
  public Map<LossTerm, Double> step(StepInput in) {
    int n = in.count();
    int size = arch.imageSize();
    List<TFloat32> fed = new ArrayList<>();
    try {
      Session.Runner r = session.runner()
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
      // Terms that do not apply (no attributes, no free part) share one zero constant, and a run's result cannot
      // hold the same tensor twice: fetch each once.
      List<Operand<TFloat32>> fetched = new ArrayList<>(new LinkedHashSet<>(losses.values()));
      fetched.forEach(r::fetch);
      updates.forEach(r::addTarget);
      Map<LossTerm, Double> out = new java.util.EnumMap<>(LossTerm.class);
      try (Result result = r.run()) {
        losses.forEach((name, loss) -> out.put(name,
            (double) Tensors.scalarValue(result.get(fetched.indexOf(loss)))));
      }
      return out;
    } finally {
      fed.forEach(TFloat32::close);
    }
  }

  /** Images from the EMA generator for the given codes (rows of {@code latentDims} values). */
  @Override
  public float[] sample(float[] codes, int count) {
    try (TFloat32 z = Tensors.of(codes, count, arch.latentDims());
        Result result = session.runner().feed(sampleCodes, z).fetch(samples).run()) {
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
