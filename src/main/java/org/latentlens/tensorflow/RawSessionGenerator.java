package org.latentlens.tensorflow;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentlens.core.bench.GeneratorPeer;
import org.latentlens.core.model.FloatMatrix;
import org.latentlens.core.model.ImageBatch;
import org.latentlens.core.model.ImageLayout;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.SignatureNames;
import org.latentlens.tensorflow.graph.SessionOptions;
import org.latentlens.tensorflow.graph.Tensors;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;

/**
 * The bundle's generate signature called through TensorFlow Java's own {@link Session}, without DJL: the floor that
 * {@link DjlGanModel#generate} is measured against. Same SavedModel, same session options (remapper off), feed and
 * fetch by the signature's tensor names, one tensor copy in and one out. Only for NHWC bundles (ours and Keras').
 */
public final class RawSessionGenerator implements GeneratorPeer {
    private final SavedModelBundle bundle;
    private final Session session;
    private final String input;
    private final String output;
    private final ModelManifest manifest;

    private RawSessionGenerator(SavedModelBundle bundle, String input, String output, ModelManifest manifest) {
        this.bundle = bundle;
        this.session = bundle.session();
        this.input = input;
        this.output = output;
        this.manifest = manifest;
    }

    /** Opens the bundle's SavedModel in a session of its own (the bundle must already have passed our loader). */
    public static RawSessionGenerator open(Path bundleDir) throws ModelBundleException {
        ModelManifest manifest = ManifestJson.read(bundleDir);
        if (manifest.layout() != ImageLayout.NHWC) {
            throw new ModelBundleException("the raw-session peer handles NHWC bundles only; '" + manifest.name()
                    + "' is " + manifest.layout());
        }
        TensorFlowRuntime.ensureStarted();
        var binding = manifest.binding(ModelRole.GENERATE);
        SavedModelBundle bundle = SavedModelBundle.loader(
                        bundleDir.resolve(DjlModelLoader.SAVED_MODEL_DIR).toString())
                .withTags(SavedModelBundle.DEFAULT_TAG)
                .withConfigProto(SessionOptions.config())
                .load();
        SignatureDef sig = bundle.metaGraphDef().getSignatureDefMap().get(binding.signature());
        if (sig == null
                || !sig.getInputsMap().containsKey(binding.tensor(SignatureNames.Z))
                || !sig.getOutputsMap().containsKey(binding.tensor(SignatureNames.IMAGE))) {
            bundle.close();
            throw new ModelBundleException("'" + manifest.name() + "' has no generate signature '" + binding.signature()
                    + "' with input '" + binding.tensor(SignatureNames.Z) + "' and output '"
                    + binding.tensor(SignatureNames.IMAGE) + "'");
        }
        return new RawSessionGenerator(
                bundle,
                sig.getInputsMap().get(binding.tensor(SignatureNames.Z)).getName(),
                sig.getOutputsMap().get(binding.tensor(SignatureNames.IMAGE)).getName(),
                manifest);
    }

    @Override
    public String name() {
        return "TF Session, no DJL";
    }

    @Override
    public ImageBatch generate(FloatMatrix z) {
        var spec = manifest.image();
        try (TFloat32 in = Tensors.of(z.data(), z.rows(), z.cols());
                Result result = session.runner().feed(input, in).fetch(output).run()) {
            return new ImageBatch(
                    z.rows(), spec.height(), spec.width(), spec.channels(), Tensors.toArray(result.get(0)));
        }
    }

    /** {@link #generate}'s work with a clock reading before, between and after its phases (for {@link DjlCallProfile}). */
    long[] profiledGenerate(FloatMatrix z) {
        long t0 = System.nanoTime();
        TFloat32 in = Tensors.of(z.data(), z.rows(), z.cols());
        long t1 = System.nanoTime();
        Result result = session.runner().feed(input, in).fetch(output).run();
        long t2 = System.nanoTime();
        Tensors.toArray(result.get(0));
        result.close();
        in.close();
        long t3 = System.nanoTime();
        return new long[] {t0, t1, t2, t3};
    }

    /**
     * The values of the graph's variables whose names start with {@code prefix} (e.g. {@code "G."}), by name in graph
     * order, for copying weights to another engine.
     */
    Map<String, float[]> variables(String prefix) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (var it = bundle.graph().operations(); it.hasNext(); ) {
            var op = it.next();
            if (op.type().startsWith("Variable") && op.name().startsWith(prefix)) {
                try (Result result = session.runner().fetch(op.name()).run()) {
                    out.put(op.name(), Tensors.toArray(result.get(0)));
                }
            }
        }
        return out;
    }

    /** The declared shape of a graph variable. */
    long[] variableShape(String name) {
        return bundle.graph().operation(name).output(0).shape().asArray();
    }

    @Override
    public void close() {
        bundle.close();
    }
}
