package org.latentlens.tensorflow.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The encoder, generator and discriminator as functions on graph operands. Applying one twice reuses
 * its variables; all variables live in one {@link ParameterSet} in groups {@link #ENCODER},
 * {@link #GENERATOR} and {@link #DISCRIMINATOR}.
 */
public final class GanNetworks {
    public static final String ENCODER = "E";
    public static final String GENERATOR = "G";
    public static final String DISCRIMINATOR = "D";
    /** The moving average of the generator's weights: the one exported. */
    public static final String GENERATOR_EMA = "Gema";
    /** D's statistics that are not trained by gradients but exported with D (see {@link MinibatchStd}). */
    public static final String DISCRIMINATOR_STATS = MinibatchStd.GROUP;

    private final Ops tf;
    private final GanArchitecture arch;
    private final ParameterSet params;
    private final boolean bf16;
    private final Map<String, Layers> layers = new HashMap<>();

    /** What the encoder reads from an image batch. */
    public record EncoderOutput(
            Operand<TFloat32> attributeLogits,
            Operand<TFloat32> semantic,
            Operand<TFloat32> freeMean,
            Operand<TFloat32> freeLogVar,
            Operand<TFloat32> latent) {}

    /**
     * What the discriminator says of an image batch.
     *
     * @param realism the realism logit [N]
     * @param attributeLogits the attribute logits [N, A]
     * @param features the hidden features its heads read (VAE-GAN measures reconstruction there, InfoGAN's Q head
     *     reads them)
     * @param minibatchStd the batch's minibatch standard deviation feature ([1]); null when D has none or reads the
     *     stored average
     */
    public record DiscriminatorOutput(
            Operand<TFloat32> realism,
            Operand<TFloat32> attributeLogits,
            Operand<TFloat32> features,
            Operand<TFloat32> minibatchStd) {}

    /** Networks of {@code arch} whose variables go into {@code params}, computed in float32. */
    public GanNetworks(Ops tf, ParameterSet params, GanArchitecture arch) {
        this(tf, params, arch, false);
    }

    /**
     * Networks whose convolutions multiply in bfloat16 when {@code bf16} (training's mixed precision); the variables
     * are float32 either way, so a model trained so exports and loads as any other.
     */
    public GanNetworks(Ops tf, ParameterSet params, GanArchitecture arch, boolean bf16) {
        this.tf = tf;
        this.arch = arch;
        this.params = params;
        this.bf16 = bf16;
    }

    private Layers layers(String group) {
        return layers.computeIfAbsent(group, g -> new Layers(tf.withSubScope(g), params, g, bf16));
    }

    public GanArchitecture architecture() {
        return arch;
    }

    /** G: latent codes [N, latentDims] to images [N, S, S, C] in [-1, 1]. */
    public Operand<TFloat32> generate(Operand<TFloat32> z) {
        return generate(z, GENERATOR);
    }

    /** G with the variables of {@code group} ({@link #GENERATOR} or {@link #GENERATOR_EMA}). */
    public Operand<TFloat32> generate(Operand<TFloat32> z, String group) {
        return generateWithLevels(z, group).image();
    }

    /**
     * G's image and its feature maps at every resolution, coarsest first.
     *
     * @param image images [N, S, S, C] in [-1, 1]
     * @param levels the maps [N, s, s, channels] from 4x4 up to the image's size, each as the next layer reads it
     */
    public record Generated(Operand<TFloat32> image, List<Operand<TFloat32>> levels) {}

    /** {@link #generate}, also returning the feature maps of every resolution level (the same ops). */
    public Generated generateWithLevels(Operand<TFloat32> z, String group) {
        Layers l = layers(group);
        int c4 = arch.channelsAt(4);
        Operand<TFloat32> x = l.dense("fc", z, arch.latentDims(), 16 * c4, true);
        x = l.pixelNorm(l.reshape(x, -1, 4, 4, c4));
        List<Operand<TFloat32>> levels = new ArrayList<>(List.of(x));
        int size = 4;
        for (int level = 0; level < arch.levels(); level++) {
            int in = arch.channelsAt(size);
            size *= 2;
            x = l.pixelNorm(l.upConv("up" + level, x, size, in, arch.channelsAt(size)));
            x = l.pixelNorm(l.conv("conv" + level, x, 3, 1, arch.channelsAt(size), arch.channelsAt(size), true));
            levels.add(x);
        }
        Operand<TFloat32> rgb = l.conv("to_rgb", x, 1, 1, arch.channelsAt(size), arch.channels(), false);
        return new Generated(tf.math.tanh(rgb), List.copyOf(levels));
    }

    /** E: images to attribute logits, semantic code, free mean and log-variance; {@code latent} = [semantic, mean]. */
    public EncoderOutput encode(Operand<TFloat32> images) {
        Layers l = layers(ENCODER);
        Operand<TFloat32> h = l.trunk(arch, images);
        Operand<TFloat32> attributes = head(l, "attributes", h, arch.attributeCount());
        Operand<TFloat32> semantic = head(l, "semantic", h, arch.semanticDims());
        Operand<TFloat32> mean = head(l, "free_mean", h, arch.freeDims());
        Operand<TFloat32> logVar = head(l, "free_logvar", h, arch.freeDims());
        Operand<TFloat32> latent;
        if (arch.semanticDims() == 0) {
            latent = mean;
        } else if (arch.freeDims() == 0) {
            latent = semantic;
        } else {
            latent = tf.concat(List.of(semantic, mean), tf.constant(1));
        }
        return new EncoderOutput(attributes, semantic, mean, logVar, latent);
    }

    /**
     * D as exported: images to a realism logit [N] and attribute logits [N, A]. With the minibatch standard deviation
     * feature, D reads the stored average of real batches' values, so each image's score is independent of its batch.
     */
    public DiscriminatorOutput discriminate(Operand<TFloat32> images) {
        return discriminate(images, false);
    }

    /** D as trained: with the minibatch standard deviation feature, D reads the batch's own value. */
    public DiscriminatorOutput discriminateBatch(Operand<TFloat32> images) {
        return discriminate(images, true);
    }

    private DiscriminatorOutput discriminate(Operand<TFloat32> images, boolean batchStatistics) {
        Layers l = layers(DISCRIMINATOR);
        List<Operand<TFloat32>> measured = new ArrayList<>();
        Operand<TFloat32> h = l.trunk(
                arch,
                images,
                !arch.minibatchStd()
                        ? null
                        : x -> {
                            Operand<TFloat32> value =
                                    batchStatistics ? MinibatchStd.batchValue(tf, x) : runningMinibatchStd();
                            if (batchStatistics) {
                                measured.add(value);
                            }
                            return MinibatchStd.map(tf, x, value);
                        });
        Operand<TFloat32> realism = l.dense("realism", h, arch.hiddenUnits(), 1, false);
        Operand<TFloat32> attributes = head(l, "attributes", h, arch.attributeCount());
        return new DiscriminatorOutput(
                tf.reshape(realism, tf.constant(new int[] {-1})),
                attributes,
                h,
                measured.isEmpty() ? null : measured.get(0));
    }

    /** InfoGAN's Q head for continuous codes: {@code count} values read from D's hidden features. */
    public Operand<TFloat32> continuousCodes(Operand<TFloat32> features, int count) {
        return head(layers(DISCRIMINATOR), "q_continuous", features, count);
    }

    /** The stored moving average of the minibatch standard deviation on real batches ([1]), created on first use. */
    public Operand<TFloat32> runningMinibatchStd() {
        for (ParameterSet.Entry e : params.entries(MinibatchStd.GROUP)) {
            return e.variable();
        }
        return params.add(MinibatchStd.RUNNING, MinibatchStd.GROUP, ParameterSet.Init.ZEROS, 0f, 1);
    }

    /**
     * A linear head of {@code width} outputs on the trunk's features. A head may have no outputs (unlabelled data
     * has no attributes; a model may have no free part): then it is an empty [N, 0] tensor with no variables, because
     * variables that no loss depends on have no gradient, and asking TensorFlow for one fails ("Cannot compute the
     * partial derivative"). The product with a constant [hidden, 0] matrix keeps the [N, 0] shape the signatures
     * promise and lets gradients reach the trunk where the empty tensor is concatenated into a code.
     */
    private Operand<TFloat32> head(Layers l, String name, Operand<TFloat32> features, int width) {
        if (width > 0) {
            return l.dense(name, features, arch.hiddenUnits(), width, false);
        }
        return tf.linalg.matMul(features, tf.zeros(tf.constant(new long[] {arch.hiddenUnits(), 0}), TFloat32.class));
    }
}
