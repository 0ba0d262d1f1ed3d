package org.latentlens.tensorflow;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.tensorflow.engine.TfSymbolBlock;
import ai.djl.translate.NoopTranslator;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.latentlens.core.directions.LatentProjection;
import org.latentlens.core.model.ExpectedTensors;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.ImageLayout;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.ModelSelfCheck;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.RoleBinding;
import org.latentlens.core.model.SignatureNames;
import org.latentlens.tensorflow.graph.GanNetworks;
import org.latentlens.tensorflow.graph.SessionOptions;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;

/**
 * Loads bundles with DJL's TensorFlow engine, checks them against their manifest, and runs every role once
 * ({@link ModelSelfCheck}) so that a bundle that loads but cannot compute is refused here, not on first use. Unless
 * trusted, a bundle whose graph does more than compute is refused before TensorFlow sees it ({@link SavedModelScan}).
 */
public final class DjlModelLoader implements ModelLoader {
    /** Sub-folder of a bundle that holds the SavedModel. */
    public static final String SAVED_MODEL_DIR = "saved_model";
    /** A signature TensorFlow adds to every SavedModel; not one of the model's. */
    private static final String INIT_OP = "__saved_model_init_op";

    @Override
    public GanModel load(Path bundleDir) throws ModelBundleException {
        return load(bundleDir, LoadOptions.UNTRUSTED);
    }

    @Override
    public Optional<OperationReport> scanOperations(Path bundleDir) throws ModelBundleException {
        return Optional.of(SavedModelScan.scan(bundleDir.resolve(SAVED_MODEL_DIR)));
    }

    /**
     * The first dense layer ({@code G.fc.w}) of a generator written by our trainer; empty for any other SavedModel,
     * and for one whose graph does more than compute (reading weights means running its restore op).
     */
    @Override
    public Optional<LatentProjection> latentProjection(Path bundleDir) throws ModelBundleException {
        if (!Files.isDirectory(bundleDir.resolve(SAVED_MODEL_DIR))
                || !scanOperations(bundleDir).orElseThrow().allAllowed()) {
            return Optional.empty();
        }
        String name = GanNetworks.GENERATOR + ".fc.w";
        try (RawSessionGenerator raw = RawSessionGenerator.open(bundleDir)) {
            float[] w = raw.variables(name).get(name);
            if (w == null) {
                return Optional.empty();
            }
            long[] shape = raw.variableShape(name);
            return shape.length == 2
                    ? Optional.of(new LatentProjection(w, (int) shape[0], (int) shape[1]))
                    : Optional.empty();
        }
    }

    @Override
    public GanModel load(Path bundleDir, LoadOptions options) throws ModelBundleException {
        if (!Files.isDirectory(bundleDir)) {
            throw new ModelBundleException("There is no model folder at " + bundleDir + ". Choose a folder that holds "
                    + ManifestJson.FILE_NAME + " and " + SAVED_MODEL_DIR + "/.");
        }
        ModelManifest manifest = ManifestJson.read(bundleDir);
        Path savedModel = bundleDir.resolve(SAVED_MODEL_DIR);
        try {
            BundleWriter.recover(bundleDir); // an export killed between its two renames left saved_model/ aside
        } catch (IOException e) {
            // Read-only folder: load what is there, or fail below with the usual message.
        }
        if (!Files.isRegularFile(savedModel.resolve("saved_model.pb"))) {
            throw new ModelBundleException(bundleDir + " has a manifest but no " + SAVED_MODEL_DIR
                    + "/saved_model.pb. Copy the whole bundle folder, or re-export the model.");
        }
        Map<String, SignatureDef> signatures = readSignatures(savedModel);
        Map<ModelRole, RoleBinding> roles = resolveRoles(manifest, signatures);
        // Loading alone runs the graph's init and restore ops, so what the graph may do is checked first.
        SavedModelScan.requireAllowed(savedModel, manifest.name(), options);
        TensorFlowRuntime.ensureStarted();
        ZooModel<NDList, NDList> zoo =
                loadSavedModel(savedModel, roles.get(ModelRole.GENERATE).signature());
        GanModel model;
        try {
            model = open(zoo, manifest, roles, signatures.keySet());
        } catch (ModelBundleException | RuntimeException e) {
            zoo.close();
            throw e;
        }
        try {
            ModelSelfCheck.Report report = ModelSelfCheck.run(model);
            if (!report.problems().isEmpty()) {
                throw new ModelBundleException(
                        "Model '" + manifest.name() + "' loads but does not work as its manifest says:\n- "
                                + String.join("\n- ", report.problems()));
            }
            return model;
        } catch (ModelBundleException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The SavedModel's signatures (tag "serve"), read from the file before TensorFlow loads anything. */
    private static Map<String, SignatureDef> readSignatures(Path savedModel) throws ModelBundleException {
        SavedModel proto;
        try (InputStream in = Files.newInputStream(savedModel.resolve("saved_model.pb"))) {
            proto = SavedModel.parseFrom(in);
        } catch (IOException | RuntimeException e) {
            throw new ModelBundleException(
                    "TensorFlow could not read " + savedModel.resolve("saved_model.pb") + " (" + e.getMessage()
                            + "). The file is damaged or not a SavedModel; copy or export it again.",
                    e);
        }
        Map<String, SignatureDef> out = new TreeMap<>();
        for (var meta : proto.getMetaGraphsList()) {
            if (meta.getMetaInfoDef().getTagsList().contains("serve")) {
                meta.getSignatureDefMap().forEach((k, v) -> {
                    if (!k.equals(INIT_OP)) {
                        out.put(k, v);
                    }
                });
            }
        }
        return out;
    }

    /** Which roles the bundle serves and where; refuses a bundle without a generator, with a fix that works. */
    static Map<ModelRole, RoleBinding> resolveRoles(ModelManifest manifest, Map<String, SignatureDef> signatures)
            throws ModelBundleException {
        for (String declared : manifest.signatures()) {
            if (!signatures.containsKey(declared)) {
                throw new ModelBundleException("manifest.json of '" + manifest.name() + "' lists signature '" + declared
                        + "' but the SavedModel lacks it (it has " + describe(signatures) + "). Fix the manifest's "
                        + "\"signatures\" list or re-export the model.");
            }
        }
        Map<ModelRole, RoleBinding> roles = new EnumMap<>(ModelRole.class);
        for (ModelRole role : ModelRole.values()) {
            RoleBinding b = manifest.binding(role);
            boolean mapped = manifest.roles().containsKey(role);
            if (signatures.containsKey(b.signature())) {
                roles.put(role, b);
            } else if (mapped || manifest.signatures().contains(role.key())) {
                throw new ModelBundleException("manifest.json of '" + manifest.name() + "' says " + role.key()
                        + " is signature '" + b.signature() + "', but the SavedModel has only " + describe(signatures)
                        + ". Fix the manifest's \"roles\" (or \"signatures\") entry to name one of those.");
            }
        }
        if (!roles.containsKey(ModelRole.GENERATE)) {
            StringBuilder msg =
                    new StringBuilder("Model '" + manifest.name() + "' has no generator signature: Latent Lens "
                            + "looks for signature 'generate' and the SavedModel has " + describe(signatures) + ".");
            if (!signatures.isEmpty()) {
                var first = signatures.entrySet().iterator().next();
                msg.append(" If '")
                        .append(first.getKey())
                        .append("' is your generator (Keras' model.export() calls it ")
                        .append("'serving_default'), say so in manifest.json:\n")
                        .append(rolesHint(first.getKey(), first.getValue()));
            }
            throw new ModelBundleException(msg.toString());
        }
        return roles;
    }

    private static String rolesHint(String key, SignatureDef sig) {
        String in = sig.getInputsMap().isEmpty()
                ? "INPUT"
                : sig.getInputsMap().keySet().iterator().next();
        String out = sig.getOutputsMap().isEmpty()
                ? "OUTPUT"
                : sig.getOutputsMap().keySet().iterator().next();
        return "  \"roles\": {\"generate\": {\"signature\": \"" + key + "\", \"inputs\": {\"z\": \"" + in
                + "\"}, \"outputs\": {\"image\": \"" + out + "\"}}}";
    }

    private static String describe(Map<String, SignatureDef> signatures) {
        if (signatures.isEmpty()) {
            return "no signatures at all (export it with signatures; see docs/model-format.md)";
        }
        List<String> parts = new ArrayList<>();
        signatures.forEach((k, v) -> parts.add("'" + k + "' (inputs "
                + v.getInputsMap().keySet() + ", outputs " + v.getOutputsMap().keySet() + ")"));
        return String.join(", ", parts);
    }

    /**
     * The session's configuration, base64 as DJL takes it. Grappler's remapper is off unless
     * {@code -Dlatentlens.tf.remapper=on}: on every graph with a gradient (saliency: ours, and any Keras export
     * that computes one) it fails with "remapper failed: INVALID_ARGUMENT ... LeakyReluGrad", printed as an error
     * on every load although the results are right. Its fusions did not measurably speed up our small networks
     * (docs/performance.md).
     */
    static String sessionConfig() {
        return Base64.getEncoder().encodeToString(SessionOptions.config().toByteArray());
    }

    private static ZooModel<NDList, NDList> loadSavedModel(Path savedModel, String generateKey)
            throws ModelBundleException {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(savedModel)
                .optEngine("TensorFlow")
                // The key is known to exist (checked above), so DJL never falls back to another signature with a
                // warning.
                .optOption("SignatureDefKey", generateKey)
                .optOption("ConfigProto", sessionConfig())
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return criteria.loadModel();
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new ModelBundleException(
                    "TensorFlow could not load the SavedModel in " + savedModel + ": " + e.getMessage()
                            + ". The files may be damaged or written by an incompatible TensorFlow; re-export it.",
                    e);
        }
    }

    private static GanModel open(
            ZooModel<NDList, NDList> zoo,
            ModelManifest manifest,
            Map<ModelRole, RoleBinding> roles,
            Set<String> signatureKeys)
            throws ModelBundleException {
        TfSymbolBlock primary = (TfSymbolBlock) zoo.getBlock();
        var bundle = primary.getSavedModelBundle();
        Map<ModelRole, TfSymbolBlock> blocks = new EnumMap<>(ModelRole.class);
        blocks.put(ModelRole.GENERATE, primary);
        for (ModelRole role : roles.keySet()) {
            if (role != ModelRole.GENERATE) {
                blocks.put(role, new TfSymbolBlock(bundle, roles.get(role).signature()));
            }
        }
        ShapeCheck check = new ShapeCheck(manifest, roles);
        for (var role : blocks.entrySet()) {
            for (ExpectedTensors.Tensor t : ExpectedTensors.of(manifest, role.getKey())) {
                check.expect(role.getValue(), t);
            }
        }
        // Our own bundles also carry combined frame signatures (one call per explorer frame) and the generator's
        // feature maps; older and foreign bundles do without them.
        Map<String, TfSymbolBlock> optional = new HashMap<>();
        if (manifest.layout() == ImageLayout.NHWC) {
            for (String key : List.of(
                    SignatureNames.FRAME_ENCODE,
                    SignatureNames.FRAME_INSPECT,
                    SignatureNames.FRAME_SALIENCY,
                    SignatureNames.ACTIVATIONS)) {
                if (signatureKeys.contains(key)) {
                    optional.put(key, new TfSymbolBlock(bundle, key));
                }
            }
        }
        return new DjlGanModel(zoo, manifest, roles, blocks, optional);
    }

    /** Compares a signature's declared tensor shapes with what the manifest promises ({@link ExpectedTensors}). */
    private record ShapeCheck(ModelManifest manifest, Map<ModelRole, RoleBinding> roles) {
        void expect(TfSymbolBlock block, ExpectedTensors.Tensor t) throws ModelBundleException {
            ModelRole role = t.role();
            String theirs = roles.get(role).tensor(t.name());
            PairList<String, Shape> described = t.input() ? block.describeInput() : block.describeOutput();
            Shape actual = described.get(theirs);
            if (actual == null && t.optional()) {
                return;
            }
            if (actual == null) {
                throw new ModelBundleException("Signature '" + roles.get(role).signature() + "' (" + role.key()
                        + ") of model '"
                        + manifest.name() + "' has no " + t.side() + " named '" + theirs + "' (it has "
                        + described.keys() + "). "
                        + "Name it in manifest.json: \"roles\": {\"" + role.key() + "\": {\"" + t.side() + "s\": {\""
                        + t.name()
                        + "\": \""
                        + (described.isEmpty() ? "NAME" : described.keys().get(0))
                        + "\"}}}; see docs/model-format.md.");
            }
            long[] dims = actual.getShape();
            if (!t.fits(dims)) {
                throw new ModelBundleException("Shape mismatch in model '" + manifest.name() + "': signature '"
                        + roles.get(role).signature() + "' (" + role.key() + ") " + t.side() + " '" + theirs + "' is "
                        + actual
                        + " but manifest.json implies " + new Shape(t.shapeFor(dims))
                        + " (-1 = any). Fix the manifest's image "
                        + "size, latent layout or attributes to match the SavedModel."
                        + ExpectedTensors.otherLayoutFitting(manifest, t.name(), dims)
                                .map(ExpectedTensors::layoutHint)
                                .orElse(""));
            }
        }
    }
}
