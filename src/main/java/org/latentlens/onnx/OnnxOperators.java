package org.latentlens.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.latentlens.core.model.OperationReport;
import org.latentlens.core.model.OperationReport.Refusal;

/**
 * What an untrusted ONNX model may run: every operator of the standard operator sets, {@code ai.onnx} (the empty
 * domain) and {@code ai.onnx.ml}. Those are specified by ONNX as pure functions of their inputs and ONNX Runtime
 * implements all of them itself, so unlike TensorFlow's there is no file or network operator among them to keep
 * out. Any other domain is refused: its operators come from a custom-operator library, native code that Latent
 * Lens cannot check (ONNX Runtime's own {@code com.microsoft} contrib operators included, which only its offline
 * optimizer writes). Calls of functions defined in the model are not operators: their bodies are checked instead.
 *
 * <p>Tensors stored outside the file must lie in the bundle folder: a location that is absolute or climbs out with
 * {@code ..} would make ONNX Runtime read any file the user can read into the model's weights.
 */
final class OnnxOperators {
    /** The domains of the standard operator sets. */
    private static final Set<String> STANDARD = Set.of("", "ai.onnx.ml");

    private static final String CUSTOM_RISK = "is not a standard ONNX operator: it runs native code from a "
            + "custom-operator library that Latent Lens cannot check";
    private static final String EXTERNAL_RISK = "makes ONNX Runtime read a file outside the model folder";
    /** Refusals named in a message; the rest are counted. */
    private OnnxOperators() {}

    /** {@code ai.onnx} and the empty domain are the same operator set. */
    static String normalDomain(String domain) {
        return domain.equals("ai.onnx") ? "" : domain;
    }

    /** Whether an untrusted model may run {@code op}. */
    static boolean allows(OnnxGraph.Operator op) {
        return STANDARD.contains(normalDomain(op.domain()));
    }

    /**
     * The operator kinds of the bundle's graphs and what an untrusted model may not do.
     *
     * @param graphs each ONNX file of the bundle by file name, in role order
     */
    static OperationReport report(Map<String, OnnxGraph> graphs) {
        Set<String> kinds = new TreeSet<>();
        Map<String, Refusal> refused = new LinkedHashMap<>();
        graphs.forEach((file, graph) -> {
            for (OnnxGraph.Operator op : graph.operators()) {
                String name = normalDomain(op.domain()).isEmpty() ? op.type() : op.qualifiedName();
                kinds.add(name);
                if (!allows(op)) {
                    String where = file + (op.location().isEmpty() ? "" : ", " + op.location());
                    refused.putIfAbsent(name + "\n" + where, new Refusal(name, "in " + where, CUSTOM_RISK));
                }
            }
            for (String location : graph.externalData()) {
                if (escapes(location)) {
                    refused.putIfAbsent(
                            "external\n" + location,
                            new Refusal(
                                    "external data '" + location + "'", "tensor data named in " + file, EXTERNAL_RISK));
                }
            }
        });
        return new OperationReport(kinds.size(), new ArrayList<>(refused.values()));
    }

    /** Whether an external-data location points outside the folder of the file that names it. */
    static boolean escapes(String location) {
        if (location.isEmpty()
                || location.indexOf('\0') >= 0
                || location.startsWith("/")
                || location.startsWith("\\")
                || location.matches("^[A-Za-z]:.*")) {
            return true; // absent, or absolute (also C:\ and \\server on Windows)
        }
        Path p = Path.of(location.replace('\\', '/')).normalize();
        return p.isAbsolute() || p.startsWith("..") || p.toString().isEmpty();
    }

    /** The message for the user: what was refused, where, why, and how to open the model anyway. */
    static String message(String modelName, OperationReport report) {
        return report.message(
                modelName,
                r -> r.operation().startsWith("external data") ? r.operation() : "operator '" + r.operation() + "'");
    }
}
