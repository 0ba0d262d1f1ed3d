package org.latentlens.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes hand-made ONNX protobuf messages for tests that need shapes no exporter writes (hostile files), field by
 * field with the numbers of {@code onnx.proto}.
 */
final class OnnxProto {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    OnnxProto string(int field, String value) {
        return write(() -> out.writeString(field, value));
    }

    OnnxProto varint(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    OnnxProto message(int field, OnnxProto message) {
        return write(() -> out.writeBytes(field, message.toByteString()));
    }

    ByteString toByteString() {
        write(() -> {});
        return ByteString.copyFrom(bytes.toByteArray());
    }

    /** A {@code NodeProto}: op_type 4, domain 7, attribute 5. */
    static OnnxProto node(String domain, String type, OnnxProto... attributes) {
        OnnxProto n = new OnnxProto().string(4, type).string(7, domain);
        for (OnnxProto a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    /** A graph-valued {@code AttributeProto}: name 1, g 6. */
    static OnnxProto graphAttribute(String name, OnnxProto graph) {
        return new OnnxProto().string(1, name).message(6, graph);
    }

    /** A {@code GraphProto} with these nodes (field 1). */
    static OnnxProto graph(OnnxProto... nodes) {
        OnnxProto g = new OnnxProto();
        for (OnnxProto n : nodes) {
            g.message(1, n);
        }
        return g;
    }

    /** A {@code ModelProto}: IR version 8 (field 1) and this graph (field 7). */
    static OnnxProto model(OnnxProto graph) {
        return new OnnxProto().varint(1, 8).message(7, graph);
    }

    private interface Write {
        void run() throws IOException;
    }

    private OnnxProto write(Write w) {
        try {
            w.run();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
