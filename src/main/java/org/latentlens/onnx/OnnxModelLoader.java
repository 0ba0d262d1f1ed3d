package org.latentlens.onnx;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.latentlens.core.model.GanModel;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.ManifestJson;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.ModelLoader;
import org.latentlens.core.model.ModelManifest;
import org.latentlens.core.model.ModelRole;
import org.latentlens.core.model.ModelSelfCheck;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.RoleBinding;
import org.latentlens.core.model.UntrustedModelException;

/**
 * Loads ONNX bundles (the PyTorch route) with DJL's ONNX Runtime engine: {@code manifest.json} plus one ONNX file per
 * role, {@value #GENERATOR_FILE} for the generator and optionally {@code encoder.onnx}, {@code discriminator.onnx}
 * and {@code saliency.onnx}. Before ONNX Runtime sees a file, its graph is read to refuse custom operators
 * ({@link OnnxOperators}, unless trusted) and to compare its inputs and outputs with the manifest
 * ({@link OnnxInterfaceCheck}); after loading, every role runs once ({@link ModelSelfCheck}).
 */
public final class OnnxModelLoader implements ModelLoader {
    /** The generator's file, and what marks a folder as an ONNX bundle. */
    public static final String GENERATOR_FILE = "model.onnx";

    private static final Map<ModelRole, String> FILES = new EnumMap<>(Map.of(
            ModelRole.GENERATE, GENERATOR_FILE,
            ModelRole.ENCODE, "encoder.onnx",
            ModelRole.DISCRIMINATE, "discriminator.onnx",
            ModelRole.SALIENCY, "saliency.onnx"));

    /** The file that holds {@code role} in an ONNX bundle. */
    public static String fileFor(ModelRole role) {
        return FILES.get(role);
    }

    /** Whether {@code dir} holds ONNX files directly: then it is meant as an ONNX bundle. */
    public static boolean recognizes(Path dir) {
        return !onnxFiles(dir).isEmpty();
    }

    @Override
    public GanModel load(Path bundleDir) throws ModelBundleException {
        return load(bundleDir, LoadOptions.UNTRUSTED);
    }

    @Override
    public Optional<OperationReport> scanOperations(Path bundleDir) throws ModelBundleException {
        ModelManifest manifest = ManifestJson.read(bundleDir);
        return Optional.of(OnnxOperators.report(byFile(readGraphs(roleFiles(bundleDir, manifest)))));
    }

    @Override
    public GanModel load(Path bundleDir, LoadOptions options) throws ModelBundleException {
        if (!Files.isDirectory(bundleDir)) {
            throw new ModelBundleException("There is no model folder at " + bundleDir + ". Choose a folder that holds "
                    + ManifestJson.FILE_NAME + " and " + GENERATOR_FILE + ".");
        }
        ModelManifest manifest = ManifestJson.read(bundleDir);
        Map<ModelRole, Path> files = roleFiles(bundleDir, manifest);
        Map<ModelRole, OnnxGraph> graphs = readGraphs(files);
        if (!options.trusted()) {
            // A session runs whatever kernels are registered for other domains (DJL registers onnxruntime-extensions
            // when it is on the class path), so the graph is checked before one exists.
            OperationReport report = OnnxOperators.report(byFile(graphs));
            if (!report.allAllowed()) {
                throw new UntrustedModelException(OnnxOperators.message(manifest.name(), report), report);
            }
        }
        new OnnxInterfaceCheck(manifest).check(graphs);
        try {
            OnnxRuntime.ensureStarted();
        } catch (IllegalStateException e) {
            throw new ModelBundleException(e.getMessage(), e);
        }
        Map<ModelRole, ZooModel<NDList, NDList>> sessions = new EnumMap<>(ModelRole.class);
        GanModel model;
        try {
            for (var e : files.entrySet()) {
                sessions.put(e.getKey(), loadSession(e.getValue()));
            }
            model = new OnnxGanModel(manifest, sessions);
        } catch (ModelBundleException | RuntimeException e) {
            sessions.values().forEach(ZooModel::close);
            throw e;
        }
        try {
            ModelSelfCheck.Report report = ModelSelfCheck.run(model);
            if (!report.problems().isEmpty()) {
                throw new ModelBundleException(
                        "Model '" + manifest.name() + "' loads but does not work as its manifest " + "says:\n- "
                                + String.join("\n- ", report.problems()));
            }
            return model;
        } catch (ModelBundleException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The file of each role the bundle has; refuses a manifest that promises a file the folder lacks. */
    static Map<ModelRole, Path> roleFiles(Path bundleDir, ModelManifest manifest) throws ModelBundleException {
        for (String listed : manifest.signatures()) {
            if (ModelRole.fromKey(listed) == null) {
                throw new ModelBundleException("manifest.json of '" + manifest.name() + "' lists signature '" + listed
                        + "', but an ONNX bundle has one file per role and its \"signatures\" are the roles it has: generate, "
                        + "encode, discriminate, saliency. Fix the manifest's \"signatures\" list.");
            }
        }
        Map<ModelRole, Path> files = new EnumMap<>(ModelRole.class);
        for (ModelRole role : ModelRole.values()) {
            String file = fileFor(role);
            RoleBinding b = manifest.binding(role);
            boolean mapped = manifest.roles().containsKey(role);
            if (mapped && !b.signature().equals(role.key()) && !b.signature().equals(file)) {
                throw new ModelBundleException("manifest.json of '" + manifest.name() + "' says " + role.key()
                        + " is signature '" + b.signature() + "', but in an ONNX bundle " + role.key()
                        + " is always the file "
                        + file + ". Leave \"signature\" out of roles." + role.key()
                        + " in manifest.json (keep its \"inputs\" and "
                        + "\"outputs\").");
            }
            Path path = bundleDir.resolve(file);
            if (Files.isRegularFile(path)) {
                files.put(role, path);
            } else if (role == ModelRole.GENERATE) {
                List<String> others = onnxFiles(bundleDir);
                throw new ModelBundleException(bundleDir + " has a manifest but no " + GENERATOR_FILE
                        + " (the generator)"
                        + (others.isEmpty()
                                ? ". Copy the whole bundle folder, or export the generator again."
                                : "; it holds " + String.join(", ", others) + ". Latent Lens reads the generator from "
                                        + GENERATOR_FILE
                                        + ", the encoder from encoder.onnx and the discriminator from discriminator.onnx: "
                                        + "rename the files."));
            } else if (mapped || manifest.signatures().contains(role.key())) {
                throw new ModelBundleException("manifest.json of '" + manifest.name() + "' promises " + role.key()
                        + ", but " + bundleDir + " has no " + file + ". Copy that file along, or take " + role.key()
                        + " out of the manifest's \"signatures\" and \"roles\".");
            }
        }
        return files;
    }

    private static Map<ModelRole, OnnxGraph> readGraphs(Map<ModelRole, Path> files) throws ModelBundleException {
        Map<ModelRole, OnnxGraph> graphs = new EnumMap<>(ModelRole.class);
        for (var e : files.entrySet()) {
            try {
                graphs.put(e.getKey(), OnnxGraphReader.read(e.getValue()));
            } catch (IOException | RuntimeException ex) {
                throw new ModelBundleException(
                        "Latent Lens could not read " + e.getValue() + " (" + ex.getMessage()
                                + "). The file is damaged or not an ONNX model; copy or export it again.",
                        ex);
            }
        }
        return graphs;
    }

    private static Map<String, OnnxGraph> byFile(Map<ModelRole, OnnxGraph> graphs) {
        Map<String, OnnxGraph> out = new LinkedHashMap<>();
        graphs.forEach((role, graph) -> out.put(fileFor(role), graph));
        return out;
    }

    private static ZooModel<NDList, NDList> loadSession(Path file) throws ModelBundleException {
        String name = file.getFileName().toString();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                // The folder and the file's stem: DJL's engine finds encoder.onnx there (a file path draws a warning).
                .optModelPath(file.getParent())
                .optModelName(name.substring(0, name.length() - ".onnx".length()))
                .optEngine(OnnxRuntime.ENGINE)
                .optDevice(Device.cpu())
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return criteria.loadModel();
        } catch (Exception | UnsatisfiedLinkError e) {
            String reason = rootMessage(e);
            throw new ModelBundleException(
                    "ONNX Runtime " + OnnxRuntime.EXPECTED_VERSION + " could not load " + file + ": " + reason
                            + hintFor(reason),
                    e);
        }
    }

    /** The fix for load failures we know the cause of. */
    private static String hintFor(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("ir version") || r.contains("opset")) {
            return ". Latent Lens runs ONNX Runtime " + OnnxRuntime.EXPECTED_VERSION
                    + ", which reads ONNX IR versions up "
                    + "to 10 and operator sets up to 22: export again with an older opset, e.g. torch.onnx.export(..., "
                    + "opset_version=20)";
        }
        if (r.contains("not a registered function/op") || r.contains("implementation") || r.contains("domain")) {
            return ". The model uses an operator ONNX Runtime does not have (a custom operator); export it with standard "
                    + "ONNX operators only";
        }
        return ". The file may be damaged; export it again";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).strip();
    }

    private static List<String> onnxFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".onnx"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }
}
