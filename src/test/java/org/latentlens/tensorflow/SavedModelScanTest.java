package org.latentlens.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.LoadOptions;
import org.latentlens.core.model.ModelBundleException;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.OperationReport.Refusal;
import org.latentlens.core.model.UntrustedModelException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * The scan on hand-built SavedModel protos shaped like a Keras 3 / {@code tf.saved_model.save} export: signatures
 * call library functions through {@code StatefulPartitionedCall}, the saver lives in {@code _traced_save} and
 * {@code _traced_restore} functions, and the init op is a {@code NoOp} named by {@code __saved_model_init_op}.
 */
class SavedModelScanTest {
    private static final String SERVING = "__inference_serving_default_90";
    private static final String SAVE = "__inference__traced_save_200";
    private static final String RESTORE = "__inference__traced_restore_300";
    /** What a Keras 3 generator, its gradient-based saliency and a tf.function wrapper compile to. */
    private static final List<String> KERAS_OPS = List.of(
            "ReadVariableOp",
            "MatMul",
            "BiasAdd",
            "Conv2D",
            "Conv2DBackpropInput",
            "FusedBatchNormV3",
            "LeakyRelu",
            "Relu",
            "Relu6",
            "Elu",
            "Selu",
            "Tanh",
            "Sigmoid",
            "Softplus",
            "Softmax",
            "ResizeNearestNeighbor",
            "ResizeBilinear",
            "DepthToSpace",
            "ConcatV2",
            "Reshape",
            "StridedSlice",
            "Pack",
            "Shape",
            "Transpose",
            "Mean",
            "Sum",
            "Mul",
            "AddV2",
            "Sub",
            "RealDiv",
            "Rsqrt",
            "Sqrt",
            "Square",
            "Exp",
            "Log",
            "Pad",
            "MirrorPad",
            "Identity",
            "IdentityN",
            "NoOp",
            "Const",
            "Cast",
            "Fill",
            "BroadcastTo",
            "ExpandDims",
            "Squeeze",
            "Abs",
            "Maximum",
            "Erf",
            "StatelessRandomNormalV2",
            "StatelessRandomGetKeyCounter",
            "ReluGrad",
            "TanhGrad",
            "LeakyReluGrad",
            "BiasAddGrad",
            "Conv2DBackpropFilter",
            "FusedBatchNormGradV3",
            "ResizeNearestNeighborGrad",
            "BroadcastGradientArgs",
            "OnesLike",
            "ZerosLike",
            "Tile",
            "Prod",
            "Range",
            "Select",
            "SelectV2",
            "CheckNumerics",
            "EnsureShape");

    @TempDir
    Path tmp;

    private final List<NodeDef> graph = new ArrayList<>();
    private final List<FunctionDef> functions = new ArrayList<>();
    private final List<NodeDef> serving = new ArrayList<>();
    private final List<NodeDef> saveFn = new ArrayList<>();
    private final List<NodeDef> restoreFn = new ArrayList<>();
    private final MetaGraphDef.Builder meta = MetaGraphDef.newBuilder();

    /** The export of a small Keras model with a "generate" signature. */
    SavedModelScanTest() {
        graph.add(node("serving_default_z", "Placeholder"));
        graph.add(node("dense/kernel", "VarHandleOp"));
        graph.add(call(
                "StatefulPartitionedCall", "__inference_signature_wrapper_100", "serving_default_z", "dense/kernel"));
        graph.add(node("saver_filename", "Placeholder"));
        graph.add(call("StatefulPartitionedCall_1", SAVE, "saver_filename", "dense/kernel"));
        graph.add(call("StatefulPartitionedCall_2", RESTORE, "saver_filename", "dense/kernel"));
        graph.add(node("NoOp", "NoOp"));
        functions.add(function(
                "__inference_signature_wrapper_100",
                List.of(call("StatefulPartitionedCall", SERVING, "z", "unknown"), node("Identity", "Identity"))));
        KERAS_OPS.forEach(op -> serving.add(node(op.toLowerCase() + "_0", op)));
        for (String op : List.of(
                "StaticRegexFullMatch",
                "Const",
                "Select",
                "StringJoin",
                "ShardedFilename",
                "DisableCopyOnRead",
                "ReadVariableOp",
                "SaveV2",
                "MergeV2Checkpoints",
                "Identity",
                "NoOp")) {
            saveFn.add(node(op.toLowerCase(), op));
        }
        for (String op : List.of("Const", "RestoreV2", "Identity", "DisableCopyOnRead", "AssignVariableOp", "NoOp")) {
            restoreFn.add(node(op.toLowerCase(), op));
        }
        meta.putSignatureDef("generate", signature("image", "StatefulPartitionedCall:0"));
        meta.putSignatureDef(SavedModelScan.INIT_OP_SIGNATURE, signature(SavedModelScan.INIT_OP_SIGNATURE, "NoOp"));
        meta.setSaverDef(SaverDef.newBuilder()
                .setFilenameTensorName("saver_filename:0")
                .setSaveTensorName("StatefulPartitionedCall_1:0")
                .setRestoreOpName("StatefulPartitionedCall_2"));
    }

    private static NodeDef node(String name, String op, String... inputs) {
        return NodeDef.newBuilder()
                .setName(name)
                .setOp(op)
                .addAllInput(List.of(inputs))
                .build();
    }

    private static NodeDef call(String name, String function, String... inputs) {
        return node(name, "StatefulPartitionedCall", inputs).toBuilder()
                .putAttr(
                        "f",
                        AttrValue.newBuilder()
                                .setFunc(NameAttrList.newBuilder().setName(function))
                                .build())
                .build();
    }

    private static FunctionDef function(String name, List<NodeDef> nodes) {
        return FunctionDef.newBuilder()
                .setSignature(OpDef.newBuilder().setName(name))
                .addAllNodeDef(nodes)
                .build();
    }

    private static SignatureDef signature(String output, String tensor) {
        return SignatureDef.newBuilder()
                .putOutputs(output, TensorInfo.newBuilder().setName(tensor).build())
                .build();
    }

    private OperationReport scan() throws Exception {
        return SavedModelScan.scan(write());
    }

    /** Writes the SavedModel as built so far into a new folder. */
    private Path write() throws Exception {
        List<FunctionDef> all = new ArrayList<>(functions);
        all.add(function(SERVING, serving));
        all.add(function(SAVE, saveFn));
        all.add(function(RESTORE, restoreFn));
        meta.setGraphDef(GraphDef.newBuilder()
                .addAllNode(graph)
                .setLibrary(FunctionDefLibrary.newBuilder().addAllFunction(all)));
        Path dir = Files.createTempDirectory(tmp, "sm");
        try (OutputStream out = Files.newOutputStream(dir.resolve("saved_model.pb"))) {
            SavedModel.newBuilder().addMetaGraphs(meta).build().writeTo(out);
        }
        return dir;
    }

    private static Refusal only(OperationReport report) {
        assertEquals(1, report.refused().size(), report.refused().toString());
        return report.refused().get(0);
    }

    @Test
    void aKerasExportWithItsSaverFunctionsPasses() throws Exception {
        OperationReport report = scan();
        assertTrue(report.allAllowed(), report.refused().toString());
        assertTrue(report.kinds() > KERAS_OPS.size(), report.summary());
    }

    @Test
    void checkpointWritesInsideASignatureFunctionAreRefused() throws Exception {
        serving.add(node("save", "SaveV2"));
        Refusal r = only(scan());
        assertEquals("SaveV2", r.operation());
        assertEquals("in function '" + SERVING + "', called by signature 'generate'", r.location());
        assertEquals("can read or write files", r.risk());
    }

    @Test
    void theRestorePathMayReadCheckpointsButNotWriteThem() throws Exception {
        restoreFn.add(node("save_from_restore", "SaveV2"));
        restoreFn.add(node("shard", "ShardedFilename"));
        Refusal r = only(scan());
        assertEquals("SaveV2", r.operation());
        assertEquals("in function '" + RESTORE + "', called by the variable restore op", r.location());
    }

    @Test
    void anInitOpThatDependsOnAFileWriteIsRefused() throws Exception {
        graph.add(node("write", "WriteFile", "path", "contents"));
        graph.set(graph.indexOf(node("NoOp", "NoOp")), node("NoOp", "NoOp", "^write"));
        Refusal r = only(scan());
        assertEquals("WriteFile", r.operation());
        assertEquals("in the graph, used by the init op 'NoOp'", r.location());
    }

    @Test
    void branchesOfConditionalsAndFunctionsNoOneCallsAreChecked() throws Exception {
        serving.add(node("cond", "StatelessIf").toBuilder()
                .putAttr(
                        "then_branch",
                        AttrValue.newBuilder()
                                .setFunc(NameAttrList.newBuilder().setName("then"))
                                .build())
                .putAttr(
                        "else_branch",
                        AttrValue.newBuilder()
                                .setFunc(NameAttrList.newBuilder().setName("else"))
                                .build())
                .build());
        functions.add(function("then", List.of(node("py", "EagerPyFunc"))));
        functions.add(function("else", List.of(node("id", "Identity"))));
        functions.add(function("orphan", List.of(node("restore", "RestoreV2"))));
        OperationReport report = scan();
        assertEquals(
                List.of(
                        new Refusal(
                                "EagerPyFunc",
                                "in function 'then', called by signature 'generate'",
                                "runs Python code"),
                        new Refusal("RestoreV2", "in function 'orphan'", "can read or write files")),
                report.refused());
    }

    @Test
    void aLegacyInitOpCollectionIsFollowedAndUnknownOpsAreRefused() throws Exception {
        graph.add(node("init_tables", "InitializeTableFromTextFileV2"));
        meta.putCollectionDef(
                "legacy_init_op",
                CollectionDef.newBuilder()
                        .setNodeList(CollectionDef.NodeList.newBuilder().addValue("init_tables"))
                        .build());
        serving.add(node("future", "FancyOpFromTensorFlow3"));
        serving.add(node("print", "PrintV2"));
        OperationReport report = scan();
        assertEquals(
                List.of("InitializeTableFromTextFileV2", "PrintV2", "FancyOpFromTensorFlow3"),
                report.refused().stream().map(Refusal::operation).toList(),
                "known risks first");
        assertEquals(
                "in the graph, used by the init op 'init_tables'",
                report.refused().get(0).location());
        assertEquals(
                "writes to the program's output or debug streams",
                report.refused().get(1).risk());
        assertEquals(
                "is not one of the pure computations Latent Lens allows",
                report.refused().get(2).risk());
    }

    @Test
    void theMessageNamesTheFirstFewAndCountsTheRest() throws Exception {
        for (String op : List.of("ReadFile", "WriteFile", "MatchingFiles", "PyFunc", "DebugIdentity")) {
            serving.add(node(op, op));
        }
        Path written = write();
        UntrustedModelException e = assertThrows(
                UntrustedModelException.class,
                () -> SavedModelScan.requireAllowed(written, "x", LoadOptions.UNTRUSTED));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "Model 'x' contains operation 'ReadFile' (in function '" + SERVING
                                        + "', called by signature 'generate'), which can read or write files; operation 'WriteFile'"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("; and 2 more not allowed. Latent Lens refuses models that do more than"
                                + " compute. If you trust the source, open it with --trust"),
                e.getMessage());
        assertEquals(5, e.report().refused().size());
        SavedModelScan.requireAllowed(written, "x", LoadOptions.TRUSTED); // trusted: no scan, no refusal
    }

    @Test
    void anUnreadableGraphIsAClearBundleError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.write(dir.resolve("saved_model.pb"), new byte[] {(byte) 0xff, 0x01, 0x02});
        ModelBundleException e = assertThrows(ModelBundleException.class, () -> SavedModelScan.scan(dir));
        assertTrue(
                e.getMessage().contains("could not load the SavedModel")
                        && e.getMessage().contains("Re-export"),
                e.getMessage());
    }
}
