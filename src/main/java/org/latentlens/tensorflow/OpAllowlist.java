package org.latentlens.tensorflow;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The TensorFlow operations an untrusted model may use: pure math, neural-network layers and their gradients,
 * array shuffling, control flow, variables, optimizer updates and random numbers. Anything else is refused, including operations
 * TensorFlow adds in later versions: an allowlist, not a denylist, so that an op we have never heard of cannot
 * slip through.
 *
 * <p>What stays out on purpose: file access ({@code ReadFile}, {@code WriteFile}, {@code MatchingFiles},
 * {@code ImmutableConst}, readers, summary writers), Python callbacks ({@code PyFunc}, {@code EagerPyFunc}),
 * logging and debugging ({@code Print}, {@code PrintV2}, {@code DebugIdentity}), queues, datasets and
 * iterators, cross-process communication, and string processing, which a GAN never needs.
 *
 * <p>The checkpoint ops ({@link #allowsInSaver}) are a special case, see {@link SavedModelScan}.
 */
final class OpAllowlist {
    private OpAllowlist() {}

    private static final Set<String> MATH = Set.of(
            "Abs",
            "Acos",
            "Acosh",
            "Add",
            "AddN",
            "AddV2",
            "All",
            "Any",
            "ApproximateEqual",
            "ArgMax",
            "ArgMin",
            "Asin",
            "Asinh",
            "Atan",
            "Atan2",
            "Atanh",
            "BatchMatMul",
            "BatchMatMulV2",
            "BatchMatMulV3",
            "BiasAdd",
            "BiasAddV1",
            "Cast",
            "Ceil",
            "ClipByValue",
            "Cos",
            "Cosh",
            "Cumprod",
            "Cumsum",
            "Digamma",
            "Div",
            "DivNoNan",
            "Einsum",
            "Equal",
            "Erf",
            "Erfc",
            "Erfinv",
            "Exp",
            "Expm1",
            "Floor",
            "FloorDiv",
            "FloorMod",
            "Greater",
            "GreaterEqual",
            "Inv",
            "IsFinite",
            "IsInf",
            "IsNan",
            "Less",
            "LessEqual",
            "Lgamma",
            "Log",
            "Log1p",
            "LogicalAnd",
            "LogicalNot",
            "LogicalOr",
            "MatMul",
            "MatrixBandPart",
            "MatrixDiag",
            "MatrixDiagPartV3",
            "MatrixDiagV3",
            "MatrixInverse",
            "MatrixSetDiagV3",
            "Max",
            "Maximum",
            "Mean",
            "Min",
            "Minimum",
            "Mod",
            "Mul",
            "MulNoNan",
            "Ndtri",
            "Neg",
            "NotEqual",
            "Pow",
            "Prod",
            "Qr",
            "Real",
            "RealDiv",
            "Reciprocal",
            "ReciprocalGrad",
            "Rint",
            "Round",
            "Rsqrt",
            "RsqrtGrad",
            "Select",
            "SelectV2",
            "Sigmoid",
            "SigmoidGrad",
            "Sign",
            "Sin",
            "Sinh",
            "Sqrt",
            "SqrtGrad",
            "Square",
            "SquaredDifference",
            "Sub",
            "Sum",
            "Tan",
            "Tanh",
            "TanhGrad",
            "TruncateDiv",
            "TruncateMod",
            "Xdivy",
            "Xlog1py",
            "Xlogy",
            "Cholesky",
            "SelfAdjointEigV2",
            "Svd",
            "MatrixDeterminant",
            "LogMatrixDeterminant",
            "MatrixTriangularSolve",
            "MatrixSolve",
            "SegmentSum",
            "UnsortedSegmentSum",
            "UnsortedSegmentMax",
            "UnsortedSegmentMin",
            "EuclideanNorm",
            "Bucketize",
            "Betainc",
            "Igamma",
            "Igammac");

    private static final Set<String> NN = Set.of(
            "AvgPool",
            "AvgPool3D",
            "AvgPoolGrad",
            "AvgPool3DGrad",
            "BiasAddGrad",
            "Conv2D",
            "Conv2DBackpropFilter",
            "Conv2DBackpropInput",
            "Conv3D",
            "Conv3DBackpropFilterV2",
            "Conv3DBackpropInputV2",
            "DepthwiseConv2dNative",
            "DepthwiseConv2dNativeBackpropFilter",
            "DepthwiseConv2dNativeBackpropInput",
            "Dilation2D",
            "Elu",
            "EluGrad",
            "FusedBatchNorm",
            "FusedBatchNormGrad",
            "FusedBatchNormGradV2",
            "FusedBatchNormGradV3",
            "FusedBatchNormV2",
            "FusedBatchNormV3",
            "FusedPadConv2D",
            "FusedResizeAndPadConv2D",
            "InTopKV2",
            "L2Loss",
            "LRN",
            "LRNGrad",
            "LeakyRelu",
            "LeakyReluGrad",
            "LogSoftmax",
            "MaxPool",
            "MaxPool3D",
            "MaxPool3DGrad",
            "MaxPoolGrad",
            "MaxPoolGradGrad",
            "MaxPoolGradV2",
            "MaxPoolV2",
            "MaxPoolWithArgmax",
            "Relu",
            "Relu6",
            "Relu6Grad",
            "ReluGrad",
            "Selu",
            "SeluGrad",
            "Softmax",
            "SoftmaxCrossEntropyWithLogits",
            "SparseSoftmaxCrossEntropyWithLogits",
            "Softplus",
            "SoftplusGrad",
            "Softsign",
            "SoftsignGrad",
            "TopKV2",
            "_FusedConv2D",
            "_FusedMatMul",
            "_FusedBatchNormEx",
            "_FusedDepthwiseConv2dNative",
            // Image resizing, as in upsampling layers.
            "ResizeArea",
            "ResizeBicubic",
            "ResizeBicubicGrad",
            "ResizeBilinear",
            "ResizeBilinearGrad",
            "ResizeNearestNeighbor",
            "ResizeNearestNeighborGrad",
            "ScaleAndTranslate",
            "ScaleAndTranslateGrad",
            "CropAndResize",
            "AdjustContrastv2",
            "AdjustHue",
            "AdjustSaturation",
            "RGBToHSV",
            "HSVToRGB",
            "ImageProjectiveTransformV3",
            "MirrorPad",
            "MirrorPadGrad");

    private static final Set<String> ARRAY = Set.of(
            "BatchToSpaceND",
            "BroadcastArgs",
            "BroadcastGradientArgs",
            "BroadcastTo",
            "CheckNumerics",
            "CheckNumericsV2",
            "Concat",
            "ConcatOffset",
            "ConcatV2",
            "ConjugateTranspose",
            "Const",
            "DepthToSpace",
            "Diag",
            "DiagPart",
            "DynamicPartition",
            "DynamicStitch",
            "EnsureShape",
            "ExpandDims",
            "ExtractImagePatches",
            "Fill",
            "Gather",
            "GatherNd",
            "GatherV2",
            "Identity",
            "IdentityN",
            "InvertPermutation",
            "LinSpace",
            "ListDiff",
            "OneHot",
            "OnesLike",
            "Pack",
            "Pad",
            "PadV2",
            "ParallelConcat",
            "ParallelDynamicStitch",
            "Placeholder",
            "PlaceholderWithDefault",
            "PreventGradient",
            "Range",
            "Rank",
            "Reshape",
            "ReverseV2",
            "Roll",
            "ScatterNd",
            "Shape",
            "ShapeN",
            "Size",
            "Slice",
            "Snapshot",
            "SpaceToBatchND",
            "SpaceToDepth",
            "Split",
            "SplitV",
            "Squeeze",
            "StopGradient",
            "StridedSlice",
            "StridedSliceGrad",
            "TensorScatterAdd",
            "TensorScatterUpdate",
            "Tile",
            "TileGrad",
            "Transpose",
            "Unique",
            "Unpack",
            "UnravelIndex",
            "Where",
            "ZerosLike",
            "Bitcast",
            "Assert",
            "_Arg",
            "_Retval",
            "_DeviceArg",
            "_DeviceRetval",
            // Lists of tensors, as while-loops use them.
            "TensorListConcatV2",
            "TensorListElementShape",
            "TensorListFromTensor",
            "TensorListGather",
            "TensorListGetItem",
            "TensorListLength",
            "TensorListPopBack",
            "TensorListPushBack",
            "TensorListReserve",
            "TensorListResize",
            "TensorListScatterIntoExistingList",
            "TensorListScatterV2",
            "TensorListSetItem",
            "TensorListSplit",
            "TensorListStack",
            "EmptyTensorList",
            "TensorArrayV3",
            "TensorArrayReadV3",
            "TensorArrayWriteV3",
            "TensorArrayGatherV3",
            "TensorArrayScatterV3",
            "TensorArraySizeV3",
            "TensorArrayGradV3",
            "TensorArrayConcatV3",
            "TensorArraySplitV3",
            "TensorArrayCloseV3");

    private static final Set<String> CONTROL_FLOW = Set.of(
            "Case",
            "ControlTrigger",
            "Enter",
            "Exit",
            "If",
            "LoopCond",
            "Merge",
            "NextIteration",
            "NoOp",
            "PartitionedCall",
            "RefEnter",
            "RefExit",
            "RefIdentity",
            "RefMerge",
            "RefNextIteration",
            "RefSwitch",
            "StatefulPartitionedCall",
            "StatelessCase",
            "StatelessIf",
            "StatelessWhile",
            "Switch",
            "SymbolicGradient",
            "While",
            "_If",
            "_While");

    private static final Set<String> VARIABLES = Set.of(
            "Assign",
            "AssignAdd",
            "AssignAddVariableOp",
            "AssignSub",
            "AssignSubVariableOp",
            "AssignVariableOp",
            "DestroyResourceOp",
            "DisableCopyOnRead",
            "IsVariableInitialized",
            "ReadVariableOp",
            "ResourceGather",
            "ResourceScatterUpdate",
            "ResourceStridedSliceAssign",
            "TemporaryVariable",
            "DestroyTemporaryVariable",
            "VarHandleOp",
            "VarIsInitializedOp",
            "Variable",
            "VariableShape",
            "VariableV2");

    // Optimizer updates: pure math on variables (a judge's export keeps its Adam step, and Keras may keep one too).
    private static final Set<String> OPTIMIZERS = Set.of(
            "ApplyAdadelta",
            "ApplyAdagrad",
            "ApplyAdagradV2",
            "ApplyAdaMax",
            "ApplyAdam",
            "ApplyFtrl",
            "ApplyFtrlV2",
            "ApplyGradientDescent",
            "ApplyMomentum",
            "ApplyRMSProp",
            "ResourceApplyAdadelta",
            "ResourceApplyAdagrad",
            "ResourceApplyAdagradV2",
            "ResourceApplyAdaMax",
            "ResourceApplyAdam",
            "ResourceApplyAdamWithAmsgrad",
            "ResourceApplyFtrl",
            "ResourceApplyFtrlV2",
            "ResourceApplyGradientDescent",
            "ResourceApplyKerasMomentum",
            "ResourceApplyMomentum",
            "ResourceApplyRMSProp");

    // Random numbers are safe: at worst a model renders differently each time.
    private static final Set<String> RANDOM = Set.of(
            "Multinomial",
            "RandomGamma",
            "RandomShuffle",
            "RandomStandardNormal",
            "RandomUniform",
            "RandomUniformInt",
            "RngReadAndSkip",
            "RngSkip",
            "StatefulStandardNormalV2",
            "StatefulTruncatedNormal",
            "StatefulUniform",
            "StatefulUniformFullInt",
            "StatefulUniformInt",
            "StatelessMultinomial",
            "StatelessRandomGetAlg",
            "StatelessRandomGetKeyCounter",
            "StatelessRandomGetKeyCounterAlg",
            "StatelessRandomNormal",
            "StatelessRandomNormalV2",
            "StatelessRandomUniform",
            "StatelessRandomUniformFullIntV2",
            "StatelessRandomUniformInt",
            "StatelessRandomUniformIntV2",
            "StatelessRandomUniformV2",
            "StatelessTruncatedNormal",
            "StatelessTruncatedNormalV2",
            "TruncatedNormal");

    /**
     * Checkpoint reading and the string handling that builds shard file names: allowed only where nothing but the
     * variable saver that {@code saver_def} names reaches them (its restore or its save half).
     */
    private static final Set<String> SAVER_READ =
            Set.of("RestoreV2", "ShardedFilename", "ShardedFilespec", "StaticRegexFullMatch", "StringJoin");

    /** Checkpoint writing: allowed only where nothing but the saver's save half, which no loader runs, reaches. */
    private static final Set<String> SAVER_WRITE = Set.of("MergeV2Checkpoints", "SaveV2");

    private static final Set<String> ALLOWED = Stream.of(MATH, NN, ARRAY, CONTROL_FLOW, VARIABLES, OPTIMIZERS, RANDOM)
            .flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    private static final String UNKNOWN_RISK = "is not one of the pure computations Latent Lens allows";
    private static final Set<String> PYTHON = Set.of("PyFunc", "PyFuncStateless", "EagerPyFunc");
    private static final Set<String> FILES = Set.of(
            "ImmutableConst",
            "Save",
            "SaveSlices",
            "Restore",
            "RestoreSlice",
            "LoadAndRemapMatrix",
            "DecodeProtoV2",
            "EncodeProto");

    /** Whether an untrusted model may use {@code op} anywhere. */
    static boolean allows(String op) {
        return ALLOWED.contains(op);
    }

    /** Whether {@code op} may appear in the saver's restore or save half (and nowhere else). */
    static boolean allowsInSaver(String op) {
        return SAVER_READ.contains(op) || SAVER_WRITE.contains(op);
    }

    /** Whether {@code op} writes checkpoints, so that it may appear only in the saver's save half. */
    static boolean writesCheckpoints(String op) {
        return SAVER_WRITE.contains(op);
    }

    /** What a refused op can do, completing "which ...": for the message the user reads. */
    static String risk(String op) {
        String lower = op.toLowerCase(Locale.ROOT);
        if (PYTHON.contains(op)) {
            return "runs Python code";
        }
        if (FILES.contains(op)
                || allowsInSaver(op)
                || lower.contains("file")
                || lower.contains("reader")
                || lower.contains("summary")
                || lower.contains("checkpoint")) {
            return "can read or write files";
        }
        if (lower.startsWith("print") || lower.startsWith("debug")) {
            return "writes to the program's output or debug streams";
        }
        if (lower.contains("queue") || lower.contains("dataset") || lower.contains("iterator")) {
            return "can read data from outside the model";
        }
        if (lower.contains("send")
                || lower.contains("recv")
                || lower.contains("collective")
                || lower.contains("remote")
                || lower.contains("rpc")) {
            return "can talk to other processes";
        }
        return UNKNOWN_RISK;
    }

    /** Whether {@link #risk} knows what {@code op} can do, beyond "not on the allowlist". */
    static boolean hasKnownRisk(String op) {
        return !risk(op).equals(UNKNOWN_RISK);
    }
}
