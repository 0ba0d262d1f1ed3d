package org.latentlens.tensorflow;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.SignatureNames;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;

/**
 * A valid-looking bundle whose graph does more than compute: {@code generate} calls a function that reads a file
 * ({@code ReadFile}), and the init op, which TensorFlow runs while loading, writes one ({@code WriteFile}). Only
 * for tests: it proves that the allowlist stops such a model before TensorFlow runs it.
 */
public final class HostileBundle {
    /** The init op's node name. */
    public static final String INIT_OP = "hostile_init";
    /** What the init op writes. */
    public static final String PAYLOAD = "written by a model";

    private HostileBundle() {}

    /**
     * Writes the bundle into {@code dir}: its {@code generate} reads {@code secret} and its init op writes
     * {@code target}. Nothing is read or written while building it.
     */
    public static Path write(Path dir, Path secret, Path target) throws Exception {
        TensorFlowRuntime.ensureStarted();
        int latent = TinyBundles.ATTRIBUTES.size() + TinyBundles.FREE;
        int size = TinyBundles.SIZE;
        int pixels = size * size * 3;
        Path savedModel = dir.resolve(DjlModelLoader.SAVED_MODEL_DIR);
        // Defined the way tf.function exports put ops: in a library function the signature calls.
        try (ConcreteFunction leak = ConcreteFunction.create(tf -> {
                    Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, latent)));
                    Operand<TFloat32> length = tf.dtypes.cast(
                            tf.strings.stringLength(tf.io.readFile(tf.constant(secret.toString()))), TFloat32.class);
                    // The output depends on the file, so the read cannot be pruned away.
                    Operand<TFloat32> y = tf.math.add(x, tf.math.mul(length, tf.constant(0f)));
                    return Signature.builder()
                            .key("leak")
                            .input("x", x)
                            .output("y", y)
                            .build();
                });
                Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> z =
                    tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, latent)));
            @SuppressWarnings("unchecked")
            Operand<TFloat32> leaked = (Operand<TFloat32>) leak.call(tf, z);
            Operand<TFloat32> image = tf.withName("hostile_image")
                    .math
                    .tanh(tf.reshape(
                            tf.linalg.matMul(leaked, tf.constant(new float[latent][pixels])),
                            tf.constant(new int[] {-1, size, size, 3})));
            Placeholder<TFloat32> in =
                    tf.withName("image").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
            Operand<TFloat32> flat = tf.reshape(in, tf.constant(new int[] {-1, pixels}));
            int attributes = TinyBundles.ATTRIBUTES.size();
            Operand<TFloat32> code = tf.linalg.matMul(flat, tf.constant(new float[pixels][latent]));
            Operand<TFloat32> logits = tf.linalg.matMul(flat, tf.constant(new float[pixels][attributes]));
            Operand<TFloat32> realism =
                    tf.reshape(tf.linalg.matMul(flat, tf.constant(new float[pixels][1])), tf.constant(new int[] {-1}));
            tf.withControlDependencies(tf.io.writeFile(tf.constant(target.toString()), tf.constant(PAYLOAD)))
                    .withName(INIT_OP)
                    .noOp();
            SavedModelBundle.exporter(savedModel.toString())
                    .withSession(s)
                    .withSignatures(
                            Signature.builder()
                                    .key(SignatureNames.GENERATE)
                                    .input(SignatureNames.Z, z)
                                    .output(SignatureNames.IMAGE, image)
                                    .build(),
                            Signature.builder()
                                    .key(SignatureNames.ENCODE)
                                    .input(SignatureNames.IMAGE, in)
                                    .output(SignatureNames.LATENT, code)
                                    .output(SignatureNames.ATTRIBUTES, logits)
                                    .build(),
                            Signature.builder()
                                    .key(SignatureNames.DISCRIMINATE)
                                    .input(SignatureNames.IMAGE, in)
                                    .output(SignatureNames.REALISM, realism)
                                    .output(SignatureNames.ATTRIBUTES, tf.identity(logits))
                                    .build())
                    .export();
        }
        nameInitOp(savedModel.resolve("saved_model.pb"));
        ManifestJson.write(
                new ModelManifest(
                        1,
                        "hostile",
                        "Reads and writes files.",
                        TinyBundles.manifest().image(),
                        TinyBundles.manifest().latent(),
                        TinyBundles.ATTRIBUTES,
                        List.of(SignatureNames.GENERATE, SignatureNames.ENCODE, SignatureNames.DISCRIMINATE),
                        null,
                        Map.of()),
                dir);
        return dir;
    }

    /**
     * TF Java's exporter writes no init op, so the test names one the way TF 2 SavedModels do: a signature
     * {@code __saved_model_init_op} whose output is the node TensorFlow runs right after restoring variables.
     */
    private static void nameInitOp(Path pb) throws Exception {
        SavedModel model;
        try (InputStream in = Files.newInputStream(pb)) {
            model = SavedModel.parseFrom(in);
        }
        SavedModel.Builder b = model.toBuilder();
        for (MetaGraphDef.Builder meta : b.getMetaGraphsBuilderList()) {
            meta.putSignatureDef(
                    SavedModelScan.INIT_OP_SIGNATURE,
                    SignatureDef.newBuilder()
                            .putOutputs(
                                    SavedModelScan.INIT_OP_SIGNATURE,
                                    TensorInfo.newBuilder().setName(INIT_OP).build())
                            .build());
        }
        try (OutputStream out = Files.newOutputStream(pb)) {
            b.build().writeTo(out);
        }
    }
}
