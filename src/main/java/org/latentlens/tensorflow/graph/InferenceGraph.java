package org.latentlens.tensorflow.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.SignatureNames;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A graph holding only what inference needs (G, with E and D where the model has them, and their signatures),
 * used to export a
 * SavedModel. Optimizer state and training-only variables stay out of the bundle.
 */
public final class InferenceGraph implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final ParameterSet params;
    private final List<Signature> signatures;

    /** Builds the graph for {@code arch} with all three networks; variables are unset until {@link #initialize}. */
    public InferenceGraph(GanArchitecture arch) {
        this(arch, true, true);
    }

    /**
     * Builds the graph for {@code arch}; a model without an encoder has no {@code encode} signature, one without a
     * discriminator no {@code discriminate} and {@code saliency}.
     */
    public InferenceGraph(GanArchitecture arch, boolean encoder, boolean discriminator) {
        Ops tf = Ops.create(graph);
        params = new ParameterSet(tf);
        GanNetworks nets = new GanNetworks(tf, params, arch);

        Placeholder<TFloat32> z =
                tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, arch.latentDims())));
        Placeholder<TFloat32> image = tf.withName("image")
                .placeholder(
                        TFloat32.class,
                        Placeholder.shape(Shape.of(-1, arch.imageSize(), arch.imageSize(), arch.channels())));

        GanNetworks.Generated g = nets.generateWithLevels(z, GanNetworks.GENERATOR);
        Operand<TFloat32> generated = tf.withName("generated").identity(g.image());
        List<Signature> sigs = new ArrayList<>();
        sigs.add(Signature.builder()
                .key(SignatureNames.GENERATE)
                .input(SignatureNames.Z, z)
                .output(SignatureNames.IMAGE, generated)
                .build());
        // The generator's feature maps for the explorer's Activations view: the same ops as generate, read earlier.
        Signature.Builder activations =
                Signature.builder().key(SignatureNames.ACTIVATIONS).input(SignatureNames.Z, z);
        for (int i = 0; i < g.levels().size(); i++) {
            activations.output(
                    SignatureNames.level(i),
                    tf.withName("activations_" + i).identity(g.levels().get(i)));
        }
        sigs.add(activations.build());
        if (encoder) {
            GanNetworks.EncoderOutput enc = nets.encode(image);
            sigs.add(Signature.builder()
                    .key(SignatureNames.ENCODE)
                    .input(SignatureNames.IMAGE, image)
                    .output(SignatureNames.LATENT, tf.withName("encoded_latent").identity(enc.latent()))
                    .output(
                            SignatureNames.ATTRIBUTES,
                            tf.withName("encoded_attributes").identity(enc.attributeLogits()))
                    .build());
        }
        if (discriminator) {
            GanNetworks.DiscriminatorOutput dis = nets.discriminate(image);
            // Saliency is the realism score's gradient with respect to the pixels, taken here in the graph
            // because DJL cannot differentiate.
            Operand<?> pixelGradient = tf.gradients(tf.reduceSum(dis.realism(), tf.constant(0)), List.of(image))
                    .dy(0);
            @SuppressWarnings("unchecked")
            Operand<TFloat32> grad = (Operand<TFloat32>) pixelGradient;
            Operand<TFloat32> saliency = tf.withName("saliency_map").reduceSum(tf.math.abs(grad), tf.constant(3));
            sigs.add(Signature.builder()
                    .key(SignatureNames.DISCRIMINATE)
                    .input(SignatureNames.IMAGE, image)
                    .output(SignatureNames.REALISM, tf.withName("realism").identity(dis.realism()))
                    .output(
                            SignatureNames.ATTRIBUTES,
                            tf.withName("judged_attributes").identity(dis.attributeLogits()))
                    .build());
            sigs.add(Signature.builder()
                    .key(SignatureNames.SALIENCY)
                    .input(SignatureNames.IMAGE, image)
                    .output(SignatureNames.SALIENCY_MAP, saliency)
                    .build());
        }
        if (encoder) {
            addFrames(tf, nets, z, generated, discriminator, sigs);
        }
        signatures = List.copyOf(sigs);
        session = new Session(graph, SessionOptions.config());
    }

    /**
     * The combined frame signatures: from a code to the image and what the explorer reads off it, in one session call
     * (the same ops as generate followed by encode, discriminate and saliency on its output).
     */
    private static void addFrames(
            Ops tf,
            GanNetworks nets,
            Placeholder<TFloat32> z,
            Operand<TFloat32> generated,
            boolean discriminator,
            List<Signature> sigs) {
        Operand<TFloat32> encoded = tf.withName("frame_encoded_attributes")
                .identity(nets.encode(generated).attributeLogits());
        sigs.add(Signature.builder()
                .key(SignatureNames.FRAME_ENCODE)
                .input(SignatureNames.Z, z)
                .output(SignatureNames.IMAGE, generated)
                .output(SignatureNames.ENCODED_ATTRIBUTES, encoded)
                .build());
        if (!discriminator) {
            return;
        }
        GanNetworks.DiscriminatorOutput dis = nets.discriminate(generated);
        Operand<TFloat32> realism = tf.withName("frame_realism").identity(dis.realism());
        Operand<TFloat32> judged = tf.withName("frame_judged_attributes").identity(dis.attributeLogits());
        sigs.add(Signature.builder()
                .key(SignatureNames.FRAME_INSPECT)
                .input(SignatureNames.Z, z)
                .output(SignatureNames.IMAGE, generated)
                .output(SignatureNames.ENCODED_ATTRIBUTES, encoded)
                .output(SignatureNames.REALISM, realism)
                .output(SignatureNames.JUDGED_ATTRIBUTES, judged)
                .build());
        Operand<?> pixelGradient = tf.gradients(tf.reduceSum(dis.realism(), tf.constant(0)), List.of(generated))
                .dy(0);
        @SuppressWarnings("unchecked")
        Operand<TFloat32> grad = (Operand<TFloat32>) pixelGradient;
        Operand<TFloat32> saliency = tf.withName("frame_saliency_map").reduceSum(tf.math.abs(grad), tf.constant(3));
        sigs.add(Signature.builder()
                .key(SignatureNames.FRAME_SALIENCY)
                .input(SignatureNames.Z, z)
                .output(SignatureNames.IMAGE, generated)
                .output(SignatureNames.ENCODED_ATTRIBUTES, encoded)
                .output(SignatureNames.REALISM, realism)
                .output(SignatureNames.JUDGED_ATTRIBUTES, judged)
                .output(SignatureNames.SALIENCY_MAP, saliency)
                .build());
    }

    /** Names of the signatures this graph exports. */
    public List<String> signatureNames() {
        return signatures.stream().map(Signature::key).toList();
    }

    /** The variables, for copying weights in. */
    public ParameterSet parameters() {
        return params;
    }

    /** Fills every variable with seeded random values (an untrained model). */
    public void initialize(long seed) {
        params.initialize(session, seed);
    }

    /** Copies weights in by parameter name; every variable of this graph must be present. */
    public void load(Map<String, float[]> weights) {
        for (ParameterSet.Entry e : params.entries()) {
            if (!weights.containsKey(e.name())) {
                throw new IllegalArgumentException("weights lack " + e.name());
            }
        }
        params.assign(session, weights);
    }

    /** Writes the SavedModel (graph, variables, signatures) into {@code dir}, which must not exist yet. */
    public void exportSavedModel(Path dir) throws IOException {
        SavedModelBundle.exporter(dir.toString())
                .withSession(session)
                .withSignatures(signatures.toArray(Signature[]::new))
                .export();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
