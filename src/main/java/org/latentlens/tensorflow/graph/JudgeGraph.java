package org.latentlens.tensorflow.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.SignatureNames;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The judge: an attribute classifier with its own weights (group {@value #GROUP}), trained with Adam on
 * labelled real images fed through {@link #step}. The graph holds no generator, encoder or discriminator,
 * so nothing generated can reach its training.
 */
public final class JudgeGraph implements AutoCloseable {
    public static final String GROUP = "J";
    /** Signature of an exported judge: {@code image} to {@code attributes} (logits) and {@code features}. */
    public static final String SIGNATURE = "judge";

    public static final String FEATURES = "features";

    private final GanArchitecture arch;
    private final Graph graph = new Graph();
    private final Session session;
    private final ParameterSet params;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TFloat32> labels;
    private final Placeholder<TFloat32> mask;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Operand<TFloat32> logits;
    private final Operand<TFloat32> features;
    private final Operand<TFloat32> loss;
    private final List<Op> updates = new ArrayList<>();

    /** A judge for images of {@code arch}'s size predicting {@code arch.attributeCount()} attributes. */
    public JudgeGraph(GanArchitecture arch) {
        this.arch = arch;
        Ops tf = Ops.create(graph);
        params = new ParameterSet(tf);
        Layers l = new Layers(tf.withSubScope(GROUP), params, GROUP, false);
        int a = arch.attributeCount();
        images = tf.withName(SignatureNames.IMAGE)
                .placeholder(
                        TFloat32.class,
                        Placeholder.shape(Shape.of(-1, arch.imageSize(), arch.imageSize(), arch.channels())));
        labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, a)));
        mask = tf.withName("label_mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, a)));
        learningRate = scalar(tf, "lr");
        beta1Power = scalar(tf, "beta1_power");
        beta2Power = scalar(tf, "beta2_power");

        features = tf.withName("judge_features").identity(l.trunk(arch, images));
        logits =
                tf.withName("judge_attributes").identity(l.dense("attributes", features, arch.hiddenUnits(), a, false));

        Losses losses = new Losses(tf);
        Operand<TFloat32> targets = tf.math.mul(tf.math.add(labels, tf.constant(1f)), tf.constant(0.5f));
        loss = losses.maskedBce(logits, targets, mask);
        List<Operand<TFloat32>> vars = params.variables(GROUP);
        List<Operand<?>> grads = new ArrayList<>(tf.gradients(loss, vars).dy());
        updates.addAll(Adam.updates(
                tf, tf, params, vars, grads, new Adam.Inputs(learningRate, beta1Power, beta2Power), 0.9f, 0.999f));
        session = new Session(graph, SessionOptions.config());
    }

    private static Placeholder<TFloat32> scalar(Ops tf, String name) {
        return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    }

    /** Seeded initial weights. */
    public void initialize(long seed) {
        params.initialize(session, seed);
    }

    /** Names of every operation in the graph (to show that no generator is in it). */
    public List<String> operationNames() {
        List<String> names = new ArrayList<>();
        graph.operations().forEachRemaining(op -> names.add(((GraphOperation) op).name()));
        return names;
    }

    /** One Adam step (t counts from 1) on real labelled images; returns the loss. */
    public float step(int count, float[] imageData, float[] labelData, float[] maskData, float lr, long t) {
        int size = arch.imageSize();
        int a = arch.attributeCount();
        try (TFloat32 x = Tensors.of(imageData, count, size, size, arch.channels());
                TFloat32 y = Tensors.of(labelData, count, a);
                TFloat32 m = Tensors.of(maskData, count, a);
                TFloat32 rate = Tensors.scalar(lr);
                TFloat32 b1 = Tensors.scalar((float) Math.pow(0.9, t));
                TFloat32 b2 = Tensors.scalar((float) Math.pow(0.999, t))) {
            Session.Runner r = session.runner()
                    .feed(images, x)
                    .feed(labels, y)
                    .feed(mask, m)
                    .feed(learningRate, rate)
                    .feed(beta1Power, b1)
                    .feed(beta2Power, b2)
                    .fetch(loss);
            updates.forEach(r::addTarget);
            try (Result result = r.run()) {
                return Tensors.scalarValue(result.get(0));
            }
        }
    }

    /** Attribute logits for {@code count} images. */
    public float[] logits(int count, float[] imageData) {
        int size = arch.imageSize();
        try (TFloat32 x = Tensors.of(imageData, count, size, size, arch.channels());
                Result result = session.runner().feed(images, x).fetch(logits).run()) {
            return Tensors.toArray(result.get(0));
        }
    }

    /** Writes the judge as a SavedModel with the {@value #SIGNATURE} signature. */
    public void export(Path dir) throws IOException {
        SavedModelBundle.exporter(dir.toString())
                .withSession(session)
                .withSignature(Signature.builder()
                        .key(SIGNATURE)
                        .input(SignatureNames.IMAGE, images)
                        .output(SignatureNames.ATTRIBUTES, logits)
                        .output(FEATURES, features)
                        .build())
                .export();
    }

    /** Weights by name (for tests). */
    public Map<String, float[]> state() {
        return params.read(session);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
