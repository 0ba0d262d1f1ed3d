package org.latentlens.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentlens.core.model.OperationReport;

/** The ONNX graph reader and operator check on hand-made files: what no exporter writes, but an attacker might. */
class OnnxGraphReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheInterfaceAndLeavesInitializersListedAsInputsOut() throws Exception {
        OnnxProto dim = new OnnxProto().string(2, "n");
        OnnxProto fixed = new OnnxProto().varint(1, 5);
        OnnxProto shape = new OnnxProto().message(1, dim).message(1, fixed);
        OnnxProto tensorType = new OnnxProto().varint(1, OnnxGraph.FLOAT).message(2, shape);
        OnnxProto z = new OnnxProto().string(1, "z").message(2, new OnnxProto().message(1, tensorType));
        OnnxProto weightsAsInput = new OnnxProto().string(1, "w");
        OnnxProto weights = new OnnxProto().string(8, "w");
        OnnxProto graph = OnnxProto.graph(OnnxProto.node("", "MatMul"))
                .message(11, z)
                .message(11, weightsAsInput)
                .message(5, weights)
                .message(12, z);
        OnnxGraph g = read(OnnxProto.model(graph));
        assertEquals(8, g.irVersion());
        assertEquals(
                List.of("z"), g.inputs().stream().map(OnnxGraph.Value::name).toList(), "an IR 3 habit");
        assertArrayEquals(new long[] {-1, 5}, g.inputs().get(0).dims());
        assertEquals(OnnxGraph.FLOAT, g.inputs().get(0).elementType());
        assertEquals("MatMul", g.operators().get(0).type());
    }

    @Test
    void findsACustomOperatorInsideNestedSubgraphs() throws Exception {
        OnnxProto inner = OnnxProto.graph(OnnxProto.node("com.example", "Leak"));
        OnnxProto loop = OnnxProto.node("", "Loop", OnnxProto.graphAttribute("body", inner));
        OnnxProto outer =
                OnnxProto.node("ai.onnx", "If", OnnxProto.graphAttribute("then_branch", OnnxProto.graph(loop)));
        OperationReport report =
                OnnxOperators.report(Map.of("model.onnx", read(OnnxProto.model(OnnxProto.graph(outer)))));
        assertEquals(1, report.refused().size(), report.toString());
        OperationReport.Refusal r = report.refused().get(0);
        assertEquals("com.example:Leak", r.operation());
        assertEquals(
                "in model.onnx, in subgraph 'body' of node 'Loop' (Loop), in subgraph 'then_branch' of node 'If' (If)",
                r.location());
        assertEquals(3, report.kinds(), "If, Loop and the custom one");
    }

    @Test
    void callsOfLocalFunctionsAreNotOperatorsButTheirBodiesAreChecked() throws Exception {
        OnnxProto safe =
                new OnnxProto().string(1, "Squash").string(10, "my.functions").message(7, OnnxProto.node("", "Tanh"));
        OnnxProto unsafe = new OnnxProto()
                .string(1, "Sneak")
                .string(10, "my.functions")
                .message(7, OnnxProto.node("com.example", "Leak"));
        OnnxProto graph =
                OnnxProto.graph(OnnxProto.node("my.functions", "Squash"), OnnxProto.node("my.functions", "Sneak"));
        OnnxGraph g = read(OnnxProto.model(graph).message(25, safe).message(25, unsafe));
        OperationReport report = OnnxOperators.report(Map.of("model.onnx", g));
        assertEquals(
                List.of("com.example:Leak"),
                report.refused().stream()
                        .map(OperationReport.Refusal::operation)
                        .toList());
        assertEquals(
                "in model.onnx, in function 'my.functions:Sneak'",
                report.refused().get(0).location());
        assertEquals(2, report.kinds(), "Tanh and Leak; the calls are not kinds");
    }

    @Test
    void externalDataMustStayInTheModelFolder() throws Exception {
        OnnxProto escaping = tensorStoredIn("../../home/user/.ssh/id_rsa");
        OnnxProto inside = tensorStoredIn("weights/model.onnx.data");
        OnnxGraph g = read(OnnxProto.model(
                OnnxProto.graph(OnnxProto.node("", "Relu")).message(5, escaping).message(5, inside)));
        assertEquals(List.of("../../home/user/.ssh/id_rsa", "weights/model.onnx.data"), g.externalData());
        OperationReport report = OnnxOperators.report(Map.of("model.onnx", g));
        assertEquals(
                List.of("external data '../../home/user/.ssh/id_rsa'"),
                report.refused().stream()
                        .map(OperationReport.Refusal::operation)
                        .toList());
        assertTrue(OnnxOperators.message("m", report).contains("read a file outside the model folder"));
        for (String bad : List.of("/etc/passwd", "..", "a/../../b", "C:\\secret", "\\\\server\\share", "", ".")) {
            assertTrue(OnnxOperators.escapes(bad), bad);
        }
        for (String good : List.of("model.onnx.data", "w/x.bin", "a/../b.bin")) {
            assertFalse(OnnxOperators.escapes(good), good);
        }
    }

    @Test
    void subgraphsNestedTooDeepAreRefusedNotFollowed() {
        OnnxProto graph = OnnxProto.graph(OnnxProto.node("", "Relu"));
        for (int i = 0; i <= OnnxGraphReader.MAX_DEPTH + 1; i++) {
            graph = OnnxProto.graph(OnnxProto.node("", "If", OnnxProto.graphAttribute("then_branch", graph)));
        }
        OnnxProto model = OnnxProto.model(graph);
        IOException e = assertThrows(IOException.class, () -> read(model));
        assertTrue(e.getMessage().contains("nest more than"), e.getMessage());
    }

    @Test
    void garbageAndTruncatedFilesAreIoErrors() throws Exception {
        Path garbage =
                Files.write(tmp.resolve("garbage.onnx"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        assertThrows(IOException.class, () -> OnnxGraphReader.read(garbage));
        byte[] whole = OnnxProto.model(OnnxProto.graph(OnnxProto.node("", "Relu")))
                .toByteString()
                .toByteArray();
        Path truncated = Files.write(tmp.resolve("cut.onnx"), Arrays.copyOf(whole, whole.length - 3));
        assertThrows(IOException.class, () -> OnnxGraphReader.read(truncated));
    }

    /** An initializer whose data lives in a file (data_location 14 = EXTERNAL, external_data 13 = location). */
    private static OnnxProto tensorStoredIn(String location) {
        OnnxProto entry = new OnnxProto().string(1, "location").string(2, location);
        return new OnnxProto()
                .string(8, "w_" + location.length())
                .message(13, entry)
                .varint(14, 1);
    }

    private OnnxGraph read(OnnxProto model) throws IOException {
        Path file = Files.write(
                Files.createTempFile(tmp, "model", ".onnx"),
                model.toByteString().toByteArray());
        return OnnxGraphReader.read(file);
    }
}
