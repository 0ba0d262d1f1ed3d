package org.latentlens.onnx;

import java.util.Arrays;
import java.util.List;

/**
 * What Latent Lens needs to know of an ONNX model before ONNX Runtime sees it: the graph's interface, every
 * operator it runs (in the main graph, in subgraphs of {@code If}/{@code Loop}/{@code Scan} and in model-local
 * functions) and the files its tensors are read from.
 *
 * @param irVersion the ONNX IR version the file declares
 * @param inputs the main graph's inputs that must be fed (initializers listed as inputs are left out)
 * @param outputs the main graph's outputs
 * @param operators every operator node, in file order; calls of model-local functions are left out (their bodies
 *     are listed instead)
 * @param externalData where tensors stored outside the file say they are, as written in the file
 */
record OnnxGraph(
        long irVersion, List<Value> inputs, List<Value> outputs, List<Operator> operators, List<String> externalData) {

    /** ONNX's code for float32 tensors ({@code TensorProto.FLOAT}). */
    static final int FLOAT = 1;

    /** Copies the lists. */
    OnnxGraph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        operators = List.copyOf(operators);
        externalData = List.copyOf(externalData);
    }

    /**
     * A graph input or output.
     *
     * @param name the tensor's name in the graph
     * @param elementType ONNX's element type code ({@link #FLOAT} for float32), or 0 when not a tensor
     * @param dims the shape, {@code -1} for a dynamic axis; {@code null} when the file gives no shape
     */
    record Value(String name, int elementType, long[] dims) {
        /** The shape as ONNX tools print it: {@code [n, 3, 64, 64]} with {@code -1} for a dynamic axis. */
        String shapeText() {
            return dims == null ? "of unknown shape" : Arrays.toString(dims);
        }
    }

    /**
     * One operator node.
     *
     * @param domain its operator set, {@code ""} (or {@code ai.onnx}) for the standard one
     * @param type the operator, e.g. {@code Conv}
     * @param location where it sits, e.g. {@code in subgraph 'then_branch' of node 'If_3'}
     */
    record Operator(String domain, String type, String location) {
        /** {@code Conv} for a standard operator, {@code com.example:Leak} for others. */
        String qualifiedName() {
            return domain.isEmpty() ? type : domain + ":" + type;
        }
    }

    /** The value called {@code name} among {@code values}, or {@code null}. */
    static Value find(List<Value> values, String name) {
        return values.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }
}
