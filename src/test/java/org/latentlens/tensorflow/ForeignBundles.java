package org.latentlens.tensorflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.ImageLayout;
import org.latentlens.core.model.ImageSpec;
import org.latentlens.core.model.LatentLayout;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.RoleBinding;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * SavedModels shaped the way other tools export them (a generator under {@code serving_default} with Keras 3's
 * tensor names, channels-first images, a sigmoid output, a discriminator without attribute head), written with
 * the TF Java graph API so tests need no Python.
 *
 * <p>The generator's pixel at (channel c, row y, column x) is {@code act(0.1 c + 0.01 y - 0.02 x + 0.001 sum(z))}
 * whatever the layout, so a test can tell whether axes were transposed correctly.
 */
final class ForeignBundles {
    static final int SIZE = 8;
    static final int LATENT = 3;

    /** How the SavedModel looks. */
    record Spec(
            String generateKey,
            String zName,
            String imageName,
            ImageLayout layout,
            boolean sigmoid,
            boolean discriminator) {
        /** Keras 3's {@code model.export()}: {@code serving_default}, {@code z_in} to {@code output_0}, NHWC, tanh. */
        static Spec kerasExport() {
            return new Spec("serving_default", "z_in", "output_0", ImageLayout.NHWC, false, false);
        }
    }

    private ForeignBundles() {}

    /** The expected pixel of the pattern before the output activation (sum(z) = 0 for the default code). */
    static float pattern(int c, int y, int x) {
        return 0.1f * c + 0.01f * y - 0.02f * x;
    }

    /** Writes the SavedModel and a manifest with {@code roles} and {@code manifestLayout}. */
    static Path write(
            Path dir,
            Spec spec,
            Map<ModelRole, RoleBinding> roles,
            ImageLayout manifestLayout,
            float rangeMin,
            float rangeMax)
            throws Exception {
        TensorFlowRuntime.ensureStarted();
        Files.createDirectories(dir);
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> z =
                    tf.withName(spec.zName()).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, LATENT)));
            float[][][] chw = new float[3][SIZE][SIZE];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        chw[c][y][x] = pattern(c, y, x);
                    }
                }
            }
            Operand<TFloat32> base = tf.constant(chw); // [3, S, S]
            if (spec.layout() == ImageLayout.NHWC) {
                base = tf.linalg.transpose(base, tf.constant(new int[] {1, 2, 0}));
            }
            Operand<TFloat32> shift = tf.math.mul(
                    tf.reduceSum(z, tf.constant(1), ReduceSum.keepDims(true)), tf.constant(0.001f)); // [N, 1]
            long[] perImage =
                    spec.layout() == ImageLayout.NHWC ? new long[] {SIZE, SIZE, 3} : new long[] {3, SIZE, SIZE};
            Operand<TFloat32> pre = tf.math.add(
                    tf.expandDims(base, tf.constant(0)), tf.reshape(shift, tf.constant(new long[] {-1, 1, 1, 1})));
            Operand<TFloat32> image = spec.sigmoid() ? tf.math.sigmoid(pre) : tf.math.tanh(pre);
            var builder = SavedModelBundle.exporter(dir.resolve("saved_model").toString())
                    .withSession(s)
                    .withSignature(Signature.builder()
                            .key(spec.generateKey())
                            .input(spec.zName(), z)
                            .output(spec.imageName(), image)
                            .build());
            if (spec.discriminator()) {
                Placeholder<TFloat32> in = tf.withName("images_in")
                        .placeholder(
                                TFloat32.class, Placeholder.shape(Shape.of(-1, perImage[0], perImage[1], perImage[2])));
                // Realism: mean brightness of the top-left quarter, as [N, 1] like a Keras Dense(1) head.
                Operand<TFloat32> quarter = spec.layout() == ImageLayout.NHWC
                        ? tf.slice(in, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {
                            -1, SIZE / 2, SIZE / 2, 3
                        }))
                        : tf.slice(in, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {
                            -1, 3, SIZE / 2, SIZE / 2
                        }));
                Operand<TFloat32> realism = tf.reshape(
                        tf.math.mean(quarter, tf.constant(new int[] {1, 2, 3})), tf.constant(new int[] {-1, 1}));
                builder.withSignature(Signature.builder()
                        .key("critic")
                        .input("images_in", in)
                        .output("score", realism)
                        .build());
            }
            builder.export();
        }
        ManifestJson.write(
                new ModelManifest(
                        1,
                        "foreign",
                        "",
                        new ImageSpec(SIZE, SIZE, 3, rangeMin, rangeMax),
                        LatentLayout.of(List.of(), LATENT, 1.5f, 3f),
                        List.of(),
                        List.of(),
                        null,
                        Map.of(),
                        manifestLayout,
                        roles),
                dir);
        return dir;
    }
}
