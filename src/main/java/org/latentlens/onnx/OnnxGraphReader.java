package org.latentlens.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an ONNX file's {@code ModelProto} with protobuf's wire-format reader, keeping only what {@link OnnxGraph}
 * holds: no generated classes, and tensor data is skipped, not loaded. Field numbers are those of {@code onnx.proto}
 * (IR version 10); fields this reader does not know are skipped, as protobuf readers do.
 */
final class OnnxGraphReader {
    /** Subgraphs nest this deep at most; a file nesting deeper is refused rather than read with a deep stack. */
    static final int MAX_DEPTH = 32;

    private static final int DATA_LOCATION_EXTERNAL = 1;

    private final List<RawOperator> operators = new ArrayList<>();
    private final Set<String> functions = new HashSet<>();
    private final List<String> externalData = new ArrayList<>();
    private final List<OnnxGraph.Value> inputs = new ArrayList<>();
    private final List<OnnxGraph.Value> outputs = new ArrayList<>();
    private final Set<String> initializers = new HashSet<>();

    /** An operator node before calls of local functions are told apart from operators. */
    private record RawOperator(OnnxGraph.Operator operator, String overload) {}

    private OnnxGraphReader() {}

    /**
     * Reads {@code file}.
     *
     * @throws IOException when it cannot be read or is not a well-formed protobuf message
     */
    static OnnxGraph read(Path file) throws IOException {
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CodedInputStream in = CodedInputStream.newInstance(stream);
            in.setSizeLimit(Integer.MAX_VALUE); // ONNX files may hold up to 2 GB of weights; they are skipped, not kept
            return new OnnxGraphReader().model(in);
        }
    }

    private OnnxGraph model(CodedInputStream in) throws IOException {
        long irVersion = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> irVersion = isVarint(tag) ? in.readInt64() : skip(in, tag);
                case 7 -> embedded(in, tag, body -> graph(body, "", 0, true));
                case 20 -> embedded(in, tag, body -> trainingInfo(body));
                case 25 -> function(bytes(in, tag));
                default -> in.skipField(tag);
            }
        }
        List<OnnxGraph.Operator> ops = new ArrayList<>();
        for (RawOperator raw : operators) {
            if (!functions.contains(
                    functionKey(raw.operator().domain(), raw.operator().type(), raw.overload()))) {
                ops.add(raw.operator());
            }
        }
        List<OnnxGraph.Value> fed =
                inputs.stream().filter(v -> !initializers.contains(v.name())).toList();
        return new OnnxGraph(irVersion, fed, outputs, ops, externalData);
    }

    /** A graph; {@code main} says whether it is the model's own graph (whose interface we keep). */
    private void graph(CodedInputStream in, String location, int depth, boolean main) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new InvalidProtocolBufferException("subgraphs nest more than " + MAX_DEPTH + " deep");
        }
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> node(bytes(in, tag), location, depth);
                case 5 -> embedded(in, tag, body -> tensor(body, main));
                case 15 -> embedded(in, tag, body -> sparseTensor(body, main));
                case 11 -> embedded(in, tag, body -> value(body, main ? inputs : null));
                case 12 -> embedded(in, tag, body -> value(body, main ? outputs : null));
                default -> in.skipField(tag);
            }
        }
    }

    /** A node: first its name, type and domain, then its attributes, whose subgraphs are named after it. */
    private void node(ByteString bytes, String location, int depth) throws IOException {
        String name = "";
        String type = "";
        String domain = "";
        String overload = "";
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 3 -> name = string(in, tag);
                case 4 -> type = string(in, tag);
                case 7 -> domain = string(in, tag);
                case 8 -> overload = string(in, tag);
                default -> in.skipField(tag);
            }
        }
        operators.add(new RawOperator(new OnnxGraph.Operator(domain, type, location), overload));
        String node = "node '" + (name.isEmpty() ? type : name) + "' (" + type + ")";
        in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 5) {
                attribute(bytes(in, tag), node, location, depth);
            } else {
                in.skipField(tag);
            }
        }
    }

    /** An attribute: tensors may point at external files, graphs hold more operators. */
    private void attribute(ByteString bytes, String node, String location, int depth) throws IOException {
        String name = "";
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 1) {
                name = string(in, tag);
            } else {
                in.skipField(tag);
            }
        }
        String inner = "in subgraph '" + name + "' of " + node + (location.isEmpty() ? "" : ", " + location);
        in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 5, 10 -> embedded(in, tag, body -> tensor(body, false));
                case 22, 23 -> embedded(in, tag, body -> sparseTensor(body, false));
                case 6, 11 -> embedded(in, tag, body -> graph(body, inner, depth + 1, false));
                default -> in.skipField(tag);
            }
        }
    }

    /** A model-local function: callers of it are calls, not operators; its body's operators are listed. */
    private void function(ByteString bytes) throws IOException {
        String name = "";
        String domain = "";
        String overload = "";
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> name = string(in, tag);
                case 10 -> domain = string(in, tag);
                case 13 -> overload = string(in, tag);
                default -> in.skipField(tag);
            }
        }
        functions.add(functionKey(domain, name, overload));
        String location = "in function '" + (domain.isEmpty() ? name : domain + ":" + name) + "'";
        in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 7) {
                node(bytes(in, tag), location, 1);
            } else {
                in.skipField(tag);
            }
        }
    }

    /** Training information: graphs an inference runtime does not run, checked all the same. */
    private void trainingInfo(CodedInputStream in) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 1 || field(tag) == 2) {
                embedded(in, tag, body -> graph(body, "in the training information", 1, false));
            } else {
                in.skipField(tag);
            }
        }
    }

    /** A tensor's name (for initializers of the main graph) and where its data lives when outside the file. */
    private void tensor(CodedInputStream in, boolean initializer) throws IOException {
        String name = "";
        boolean external = false;
        List<String> locations = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 8 -> name = string(in, tag);
                case 14 -> external = isVarint(tag) ? in.readEnum() == DATA_LOCATION_EXTERNAL : skip(in, tag) != 0;
                case 13 -> embedded(in, tag, body -> externalLocation(body, locations));
                default -> in.skipField(tag);
            }
        }
        if (initializer) {
            initializers.add(name);
        }
        if (external) {
            externalData.addAll(locations.isEmpty() ? List.of("") : locations);
        }
    }

    private void sparseTensor(CodedInputStream in, boolean initializer) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            boolean values = field(tag) == 1; // field 2 holds the indices
            if (values || field(tag) == 2) {
                embedded(in, tag, body -> tensor(body, initializer && values));
            } else {
                in.skipField(tag);
            }
        }
    }

    /** One {@code key: value} entry of a tensor's {@code external_data}; keeps the {@code location}. */
    private static void externalLocation(CodedInputStream in, List<String> into) throws IOException {
        String key = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> key = string(in, tag);
                case 2 -> value = string(in, tag);
                default -> in.skipField(tag);
            }
        }
        if (key.equals("location")) {
            into.add(value);
        }
    }

    /** A {@code ValueInfoProto}: name and, for a tensor, element type and shape. */
    private static void value(CodedInputStream in, List<OnnxGraph.Value> into) throws IOException {
        String[] name = {""};
        TensorType type = new TensorType();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> name[0] = string(in, tag);
                case 2 -> embedded(in, tag, body -> typeProto(body, type));
                default -> in.skipField(tag);
            }
        }
        if (into != null) {
            into.add(new OnnxGraph.Value(
                    name[0],
                    type.elementType,
                    type.dims == null
                            ? null
                            : type.dims.stream().mapToLong(Long::longValue).toArray()));
        }
    }

    /** What a {@code TypeProto} says of a tensor; other kinds (sequences, maps) leave it empty. */
    private static final class TensorType {
        int elementType;
        List<Long> dims;
    }

    private static void typeProto(CodedInputStream in, TensorType type) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 1) {
                embedded(in, tag, body -> tensorType(body, type));
            } else {
                in.skipField(tag);
            }
        }
    }

    private static void tensorType(CodedInputStream in, TensorType type) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> type.elementType = isVarint(tag) ? in.readInt32() : (int) skip(in, tag);
                case 2 -> {
                    type.dims = new ArrayList<>();
                    embedded(in, tag, body -> shape(body, type.dims));
                }
                default -> in.skipField(tag);
            }
        }
    }

    private static void shape(CodedInputStream in, List<Long> dims) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 1) {
                long[] size = {-1}; // a named (dim_param) or unnamed axis: any size
                embedded(in, tag, body -> {
                    for (int t = body.readTag(); t != 0; t = body.readTag()) {
                        if (field(t) == 1 && isVarint(t)) {
                            size[0] = body.readInt64();
                        } else {
                            body.skipField(t);
                        }
                    }
                });
                dims.add(size[0]);
            } else {
                in.skipField(tag);
            }
        }
    }

    private interface Body {
        void read(CodedInputStream in) throws IOException;
    }

    /** Reads a length-delimited field as an embedded message; a field of another wire type is skipped. */
    private static void embedded(CodedInputStream in, int tag, Body body) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            in.skipField(tag);
            return;
        }
        int length = in.readRawVarint32();
        if (length < 0) {
            throw new InvalidProtocolBufferException("a message length is negative");
        }
        int outer = in.pushLimit(length);
        body.read(in); // every Body reads tags until readTag() returns 0: at the limit, or early at the end of the file
        if (in.getBytesUntilLimit() > 0) {
            throw new InvalidProtocolBufferException("the file ends inside a message: it is truncated");
        }
        in.popLimit(outer);
    }

    /** A length-delimited field's bytes, to be read twice; empty for a field of another wire type (skipped). */
    private static ByteString bytes(CodedInputStream in, int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            in.skipField(tag);
            return ByteString.EMPTY;
        }
        return in.readBytes();
    }

    private static String string(CodedInputStream in, int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            in.skipField(tag);
            return "";
        }
        return in.readStringRequireUtf8();
    }

    private static long skip(CodedInputStream in, int tag) throws IOException {
        in.skipField(tag);
        return 0;
    }

    private static boolean isVarint(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT;
    }

    private static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }

    private static String functionKey(String domain, String name, String overload) {
        return OnnxOperators.normalDomain(domain) + "\n" + name + "\n" + overload;
    }
}
