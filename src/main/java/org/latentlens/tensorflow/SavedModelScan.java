package org.latentlens.tensorflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.OperationReport.Refusal;
import org.latentlens.core.model.UntrustedModelException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Reads a SavedModel's graph without loading it and finds the operations an untrusted model may not use. Loading
 * alone runs code: TensorFlow runs the init op and the variable restore op, and every signature call runs
 * whatever its function holds. So every node of every meta graph is checked, and every function of the graph
 * library, which is where {@code tf.function} and Keras exports put their ops (signatures reach them through
 * {@code StatefulPartitionedCall} / {@code PartitionedCall}).
 *
 * <p>Checkpoint ops are the one exception, because every SavedModel holds a saver subgraph (or, from TF 2,
 * saver functions) named by {@code saver_def}, and TensorFlow restores the variables by running its restore op.
 * So {@code RestoreV2} and the string ops that build shard file names ({@code StringJoin}, {@code ShardedFilename},
 * {@code StaticRegexFullMatch}) are allowed where nothing but that saver reaches them; the loader feeds the restore
 * op the bundle's own {@code variables/} prefix, and {@code RestoreV2} reads only TensorFlow checkpoint files.
 * {@code SaveV2} and {@code MergeV2Checkpoints}, which write and delete files, are allowed only where nothing but
 * the saver's save half reaches them: no loader runs it, and Latent Lens never does. The same ops reached by a
 * signature, by the init op or by nothing we can see (a function no caller names) are refused, and so is
 * {@code SaveV2} on the restore path.
 */
final class SavedModelScan {
    /** The signature key under which TF 2 SavedModels name their init op. */
    static final String INIT_OP_SIGNATURE = "__saved_model_init_op";
    /** Collections under which TF 1 SavedModels name their init op; the loader runs the first one present. */
    private static final List<String> INIT_OP_COLLECTIONS = List.of("saved_model_main_op", "legacy_init_op");

    private static final String RESTORE = "the variable restore op";
    private static final String SAVE = "the variable save op";
    /** Refused operations named in the message; the rest are counted. */
    private SavedModelScan() {}

    /**
     * Refuses, with an {@link UntrustedModelException}, a model whose graph uses operations outside the
     * allowlist, unless {@code options} trust it.
     */
    static void requireAllowed(Path savedModelDir, String modelName, LoadOptions options) throws ModelBundleException {
        if (options.trusted()) {
            return;
        }
        OperationReport report = scan(savedModelDir);
        if (!report.allAllowed()) {
            throw new UntrustedModelException(message(modelName, report), report);
        }
    }

    /** Scans {@code savedModelDir/saved_model.pb}. */
    static OperationReport scan(Path savedModelDir) throws ModelBundleException {
        Path file = savedModelDir.resolve("saved_model.pb");
        SavedModel model;
        try (InputStream in = Files.newInputStream(file)) {
            model = SavedModel.parseFrom(in);
        } catch (IOException e) {
            throw new ModelBundleException(
                    "Latent Lens could not load the SavedModel in " + savedModelDir
                            + ": saved_model.pb is damaged or not a SavedModel (" + e.getMessage()
                            + "). Re-export the model.",
                    e);
        }
        Set<String> kinds = new TreeSet<>();
        Map<String, Refusal> refused = new LinkedHashMap<>();
        for (MetaGraphDef meta : model.getMetaGraphsList()) {
            new MetaGraphScan(meta).check(kinds, refused);
        }
        List<Refusal> list = new ArrayList<>(refused.values());
        // Ops that touch the world come first: they are what the user most needs to read.
        list.sort(Comparator.comparing(r -> !OpAllowlist.hasKnownRisk(r.operation())));
        return new OperationReport(kinds.size(), list);
    }

    /** The message for the user: what was refused, where, why, and how to open the model anyway. */
    static String message(String modelName, OperationReport report) {
        return report.message(modelName, r -> "operation '" + r.operation() + "'");
    }

    /** One meta graph: which signature, init op or saver reaches each node and function, then the check. */
    private static final class MetaGraphScan {
        private final MetaGraphDef meta;
        private final Map<String, NodeDef> nodes = new HashMap<>();
        private final Map<String, FunctionDef> functions = new LinkedHashMap<>();
        private final Map<String, Set<String>> nodeCallers = new HashMap<>();
        private final Map<String, Set<String>> functionCallers = new HashMap<>();

        MetaGraphScan(MetaGraphDef meta) {
            this.meta = meta;
            meta.getGraphDef().getNodeList().forEach(n -> nodes.put(n.getName(), n));
            meta.getGraphDef()
                    .getLibrary()
                    .getFunctionList()
                    .forEach(f -> functions.put(f.getSignature().getName(), f));
            roots().forEach((caller, names) -> names.forEach(name -> reachFromNode(name, caller)));
        }

        /** What the runtime runs, by who runs it: each signature, the init op, the saver. */
        private Map<String, List<String>> roots() {
            Map<String, List<String>> roots = new LinkedHashMap<>();
            Map<String, SignatureDef> signatures = new TreeMap<>(meta.getSignatureDefMap());
            signatures.forEach((key, signature) -> {
                List<String> outputs = signature.getOutputsMap().values().stream()
                        .map(TensorInfo::getName)
                        .toList();
                if (key.equals(INIT_OP_SIGNATURE)) {
                    outputs.forEach(name -> roots.put("the init op '" + nodeName(name) + "'", List.of(name)));
                } else {
                    roots.put("signature '" + key + "'", outputs);
                }
            });
            for (String collection : INIT_OP_COLLECTIONS) {
                CollectionDef c = meta.getCollectionDefMap().get(collection);
                if (c != null) {
                    c.getNodeList()
                            .getValueList()
                            .forEach(name -> roots.put("the init op '" + nodeName(name) + "'", List.of(name)));
                }
            }
            SaverDef saver = meta.getSaverDef();
            roots.put(RESTORE, List.of(saver.getRestoreOpName(), saver.getFilenameTensorName()));
            roots.put(SAVE, List.of(saver.getSaveTensorName()));
            return roots;
        }

        /** Marks {@code start} and every graph node it depends on (data or control) as run by {@code caller}. */
        private void reachFromNode(String start, String caller) {
            Deque<String> pending = new ArrayDeque<>();
            pending.push(nodeName(start));
            while (!pending.isEmpty()) {
                String name = pending.pop();
                NodeDef node = nodes.get(name);
                if (node == null
                        || !nodeCallers
                                .computeIfAbsent(name, k -> new LinkedHashSet<>())
                                .add(caller)) {
                    continue;
                }
                node.getInputList().forEach(input -> pending.push(nodeName(input)));
                callees(node).forEach(f -> reachFunction(f, caller));
            }
        }

        /** Marks a function and every function it calls as run by {@code caller}. */
        private void reachFunction(String name, String caller) {
            FunctionDef f = functions.get(name);
            if (f == null
                    || !functionCallers
                            .computeIfAbsent(name, k -> new LinkedHashSet<>())
                            .add(caller)) {
                return;
            }
            f.getNodeDefList().forEach(node -> callees(node).forEach(g -> reachFunction(g, caller)));
        }

        /** Functions a node calls: by op name, or through a function-valued attribute ({@code f}, branches, body). */
        private List<String> callees(NodeDef node) {
            List<String> out = new ArrayList<>();
            if (functions.containsKey(node.getOp())) {
                out.add(node.getOp());
            }
            for (AttrValue v : node.getAttrMap().values()) {
                if (v.hasFunc()) {
                    out.add(v.getFunc().getName());
                }
                v.getList().getFuncList().forEach(f -> out.add(f.getName()));
            }
            return out;
        }

        void check(Set<String> kinds, Map<String, Refusal> refused) {
            for (NodeDef node : meta.getGraphDef().getNodeList()) {
                String callers = describe(nodeCallers.get(node.getName()));
                check(
                        node.getOp(),
                        kinds,
                        refused,
                        nodeCallers.get(node.getName()),
                        "in the graph" + (callers.isEmpty() ? "" : ", used by " + callers));
            }
            functions.forEach((name, f) -> {
                String callers = describe(functionCallers.get(name));
                String where = "in function '" + name + "'" + (callers.isEmpty() ? "" : ", called by " + callers);
                f.getNodeDefList()
                        .forEach(node -> check(node.getOp(), kinds, refused, functionCallers.get(name), where));
            });
        }

        private void check(
                String op, Set<String> kinds, Map<String, Refusal> refused, Set<String> callers, String where) {
            if (functions.containsKey(op)) {
                return; // A direct call of a library function: its body is checked where the function is.
            }
            kinds.add(op);
            if (OpAllowlist.allows(op) || (OpAllowlist.allowsInSaver(op) && onlySaverRuns(op, callers))) {
                return;
            }
            refused.putIfAbsent(op + "\n" + where, new Refusal(op, where, OpAllowlist.risk(op)));
        }
    }

    /** Whether only the saver reaches a checkpoint op: either half for reading, the save half for writing. */
    private static boolean onlySaverRuns(String op, Set<String> callers) {
        if (callers == null || callers.isEmpty()) {
            return false;
        }
        Set<String> allowed = OpAllowlist.writesCheckpoints(op) ? Set.of(SAVE) : Set.of(SAVE, RESTORE);
        return allowed.containsAll(callers);
    }

    /** "signature 'generate'", "signatures 'a' and 'b'", then the init op or the saver. */
    private static String describe(Set<String> callers) {
        if (callers == null || callers.isEmpty()) {
            return "";
        }
        List<String> signatures = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String c : callers) {
            if (c.startsWith("signature '")) {
                signatures.add(c.substring("signature ".length()));
            } else {
                others.add(c);
            }
        }
        List<String> parts = new ArrayList<>();
        if (!signatures.isEmpty()) {
            parts.add((signatures.size() == 1 ? "signature " : "signatures ") + String.join(", ", signatures));
        }
        parts.addAll(others);
        return String.join(" and ", parts);
    }

    /** The node a tensor or control input names: {@code ^init} names {@code init}, {@code add:1} names {@code add}. */
    private static String nodeName(String input) {
        String name = input.startsWith("^") ? input.substring(1) : input;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
