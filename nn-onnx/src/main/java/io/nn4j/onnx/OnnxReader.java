package io.nn4j.onnx;

import static io.nn4j.onnx.OnnxSchema.*;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Parses a ModelProto's bytes into {@link OnnxProto}'s records with protobuf's
 * {@link CodedInputStream}, keeping the fields nn4j uses and skipping the rest. Every list grows
 * only as the bytes it is read from are consumed, and a tensor's values are decoded only once
 * its shape and its data agree, so memory stays in proportion to the file. Anything that is not
 * a well-formed ModelProto is an {@link OnnxFormatException} naming the file.
 *
 * <p>One instance reads one file; not for sharing between threads.
 */
final class OnnxReader {
    private final Path file;
    private final CodedInputStream in;

    private OnnxReader(Path file, byte[] bytes) {
        this.file = file;
        this.in = CodedInputStream.newInstance(bytes);
    }

    /**
     * Reads a whole ModelProto.
     *
     * @param file the file the bytes came from, for messages
     * @param bytes the file's content
     * @return the model's records
     * @throws OnnxFormatException naming the file when the bytes are not a ModelProto
     */
    static OnnxProto.Model read(Path file, byte[] bytes) throws OnnxFormatException {
        OnnxReader reader = new OnnxReader(file, bytes);
        try {
            return reader.model();
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxFormatException(file, "not a readable ONNX model (truncated or not "
                    + "protobuf): " + e.getMessage(), e);
        } catch (IOException e) {
            if (e instanceof OnnxFormatException format) {
                throw format;
            }
            throw new OnnxFormatException(file, "not a readable ONNX model: " + e, e);
        }
    }

    /** Reads a length-delimited sub-message with {@code body} inside its limit. */
    private <T> T message(int tag, String what, Body<T> body) throws IOException {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, what);
        int length = in.readRawVarint32();
        int old = in.pushLimit(length);
        T value = body.read();
        in.checkLastTagWas(0);
        in.popLimit(old);
        return value;
    }

    @FunctionalInterface
    private interface Body<T> {
        T read() throws IOException;
    }

    private void expect(int tag, int wireType, String what) throws OnnxFormatException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new OnnxFormatException(file, what + " (field "
                    + WireFormat.getTagFieldNumber(tag) + ") has wire type "
                    + WireFormat.getTagWireType(tag) + "; expected " + wireType);
        }
    }

    private String string(int tag, String what) throws IOException {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, what);
        return in.readStringRequireUtf8();
    }

    private long int64(int tag, String what) throws IOException {
        expect(tag, WireFormat.WIRETYPE_VARINT, what);
        return in.readInt64();
    }

    private OnnxProto.Model model() throws IOException {
        long irVersion = 0;
        Map<String, Long> opsets = new LinkedHashMap<>();
        String producer = "";
        String producerVersion = "";
        String doc = "";
        OnnxProto.Graph graph = null;
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case MODEL_IR_VERSION -> irVersion = int64(tag, "ir_version");
                case MODEL_PRODUCER_NAME -> producer = string(tag, "producer_name");
                case MODEL_PRODUCER_VERSION -> producerVersion = string(tag, "producer_version");
                case MODEL_DOC_STRING -> doc = string(tag, "doc_string");
                case MODEL_GRAPH -> {
                    if (graph != null) {
                        throw new OnnxFormatException(file, "the model holds two graphs; "
                                + "expected one");
                    }
                    graph = message(tag, "graph", this::graph);
                }
                case MODEL_OPSET_IMPORT -> message(tag, "opset_import", () -> {
                    String domain = "";
                    long version = 0;
                    for (int t = in.readTag(); t != 0; t = in.readTag()) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case OPSET_DOMAIN -> domain = string(t, "opset_import.domain");
                            case OPSET_VERSION -> version = int64(t, "opset_import.version");
                            default -> in.skipField(t);
                        }
                    }
                    opsets.put(domain, version);
                    return null;
                });
                case MODEL_METADATA_PROPS -> message(tag, "metadata_props", () -> {
                    String[] entry = {"", ""};
                    for (int t = in.readTag(); t != 0; t = in.readTag()) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case ENTRY_KEY -> entry[0] = string(t, "metadata_props.key");
                            case ENTRY_VALUE -> entry[1] = string(t, "metadata_props.value");
                            default -> in.skipField(t);
                        }
                    }
                    metadata.put(entry[0], entry[1]);
                    return null;
                });
                default -> in.skipField(tag);
            }
        }
        return new OnnxProto.Model(irVersion, opsets, producer, producerVersion, doc, graph,
                metadata);
    }

    private OnnxProto.Graph graph() throws IOException {
        String name = "";
        String doc = "";
        List<OnnxProto.Node> nodes = new ArrayList<>();
        List<OnnxProto.Tensor> initializers = new ArrayList<>();
        List<OnnxProto.ValueInfo> inputs = new ArrayList<>();
        List<OnnxProto.ValueInfo> outputs = new ArrayList<>();
        int sparse = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case GRAPH_NODE -> nodes.add(message(tag, "node", this::node));
                case GRAPH_NAME -> name = string(tag, "graph.name");
                case GRAPH_DOC_STRING -> doc = string(tag, "graph.doc_string");
                case GRAPH_INITIALIZER -> initializers.add(message(tag, "initializer",
                        this::tensor));
                case GRAPH_INPUT -> inputs.add(message(tag, "graph.input", this::valueInfo));
                case GRAPH_OUTPUT -> outputs.add(message(tag, "graph.output", this::valueInfo));
                case GRAPH_SPARSE_INITIALIZER -> {
                    sparse++;
                    in.skipField(tag);
                }
                default -> in.skipField(tag);
            }
        }
        return new OnnxProto.Graph(name, doc, nodes, initializers, inputs, outputs, sparse);
    }

    private OnnxProto.Node node() throws IOException {
        String name = "";
        String opType = "";
        String domain = "";
        String doc = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<OnnxProto.Attribute> attributes = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(string(tag, "node.input"));
                case NODE_OUTPUT -> outputs.add(string(tag, "node.output"));
                case NODE_NAME -> name = string(tag, "node.name");
                case NODE_OP_TYPE -> opType = string(tag, "node.op_type");
                case NODE_DOMAIN -> domain = string(tag, "node.domain");
                case NODE_DOC_STRING -> doc = string(tag, "node.doc_string");
                case NODE_ATTRIBUTE -> attributes.add(message(tag, "attribute", this::attribute));
                default -> in.skipField(tag);
            }
        }
        return new OnnxProto.Node(name, opType, domain, inputs, outputs, attributes, doc);
    }

    private OnnxProto.Attribute attribute() throws IOException {
        String name = "";
        int type = 0;
        float f = 0f;
        long i = 0;
        String s = "";
        OnnxProto.Tensor t = null;
        Floats floats = new Floats();
        LongStream.Builder ints = LongStream.builder();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ATTRIBUTE_NAME -> name = string(tag, "attribute.name");
                case ATTRIBUTE_TYPE -> type = (int) int64(tag, "attribute.type");
                case ATTRIBUTE_F -> {
                    expect(tag, WireFormat.WIRETYPE_FIXED32, "attribute.f");
                    f = in.readFloat();
                }
                case ATTRIBUTE_I -> i = int64(tag, "attribute.i");
                case ATTRIBUTE_S -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "attribute.s");
                    s = in.readBytes().toStringUtf8();
                }
                case ATTRIBUTE_T -> t = message(tag, "attribute.t", this::tensor);
                case ATTRIBUTE_FLOATS -> floats(tag, floats, "attribute.floats");
                case ATTRIBUTE_INTS -> longs(tag, ints, "attribute.ints");
                default -> in.skipField(tag);
            }
        }
        return new OnnxProto.Attribute(name, type, f, i, s, t, floats.toArray(),
                ints.build().toArray());
    }

    private OnnxProto.ValueInfo valueInfo() throws IOException {
        String name = "";
        int[] elemType = {0};
        List<List<OnnxProto.Dim>> shape = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case VALUE_NAME -> name = string(tag, "value_info.name");
                case VALUE_TYPE -> message(tag, "value_info.type", () -> {
                    for (int t = in.readTag(); t != 0; t = in.readTag()) {
                        if (WireFormat.getTagFieldNumber(t) == TYPE_TENSOR_TYPE) {
                            message(t, "type.tensor_type", () -> tensorType(elemType, shape));
                        } else {
                            in.skipField(t);
                        }
                    }
                    return null;
                });
                default -> in.skipField(tag);
            }
        }
        return new OnnxProto.ValueInfo(name, elemType[0], shape.isEmpty() ? null : shape.get(0));
    }

    private Void tensorType(int[] elemType, List<List<OnnxProto.Dim>> shape) throws IOException {
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
                case TENSOR_TYPE_ELEM_TYPE -> elemType[0] = (int) int64(t, "elem_type");
                case TENSOR_TYPE_SHAPE -> {
                    List<OnnxProto.Dim> dims = new ArrayList<>();
                    message(t, "shape", () -> {
                        for (int d = in.readTag(); d != 0; d = in.readTag()) {
                            if (WireFormat.getTagFieldNumber(d) == SHAPE_DIM) {
                                dims.add(message(d, "shape.dim", this::dim));
                            } else {
                                in.skipField(d);
                            }
                        }
                        return null;
                    });
                    shape.clear();
                    shape.add(dims);
                }
                default -> in.skipField(t);
            }
        }
        return null;
    }

    private OnnxProto.Dim dim() throws IOException {
        long value = -1;
        String param = "";
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
                case DIM_VALUE -> value = int64(t, "dim_value");
                case DIM_PARAM -> param = string(t, "dim_param");
                default -> in.skipField(t);
            }
        }
        return new OnnxProto.Dim(value, param);
    }

    private OnnxProto.Tensor tensor() throws IOException {
        String name = "";
        LongStream.Builder dims = LongStream.builder();
        int dataType = 0;
        Floats floatData = new Floats();
        byte[] raw = null;
        boolean external = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TENSOR_NAME -> name = string(tag, "tensor.name");
                case TENSOR_DIMS -> longs(tag, dims, "tensor.dims");
                case TENSOR_DATA_TYPE -> dataType = (int) int64(tag, "tensor.data_type");
                case TENSOR_FLOAT_DATA -> floats(tag, floatData, "tensor.float_data");
                case TENSOR_RAW_DATA -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "tensor.raw_data");
                    raw = in.readByteArray();
                }
                case TENSOR_EXTERNAL_DATA -> {
                    external = true;
                    in.skipField(tag);
                }
                case TENSOR_DATA_LOCATION -> external |=
                        int64(tag, "tensor.data_location") == LOCATION_EXTERNAL;
                default -> in.skipField(tag);
            }
        }
        long[] shape = dims.build().toArray();
        if (dataType != FLOAT || external) {
            return new OnnxProto.Tensor(name, shape, dataType, null, external);
        }
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new OnnxFormatException(file, "tensor '" + name + "' has shape "
                        + Arrays.toString(shape) + "; expected sizes of at least 0");
            }
            count = d == 0 || count <= Integer.MAX_VALUE / d ? count * d : Long.MAX_VALUE;
        }
        long held = raw != null ? raw.length / (long) Float.BYTES : floatData.size;
        if (raw != null ? raw.length != count * Float.BYTES : held != count) {
            throw new OnnxFormatException(file, "tensor '" + name + "' of shape "
                    + Arrays.toString(shape) + " needs " + (count == Long.MAX_VALUE ? "more than "
                    + Integer.MAX_VALUE : count) + " floats; its " + (raw != null
                    ? "raw_data holds " + raw.length + " bytes" : "float_data holds " + held));
        }
        float[] values;
        if (raw != null) {
            values = new float[(int) count];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            values = floatData.toArray();
        }
        return new OnnxProto.Tensor(name, shape, dataType, values, false);
    }

    /** A repeated float field, packed or not. */
    private void floats(int tag, Floats into, String what) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_FIXED32) {
            into.add(in.readFloat());
            return;
        }
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, what);
        int length = in.readRawVarint32();
        if (length < 0 || length % Float.BYTES != 0) {
            throw new OnnxFormatException(file, what + " packs " + length + " bytes; expected a "
                    + "multiple of 4");
        }
        int old = in.pushLimit(length);
        into.reserve(length / Float.BYTES);
        while (!in.isAtEnd()) {
            into.add(in.readFloat());
        }
        in.popLimit(old);
    }

    /** A repeated int64 field, packed or not. */
    private void longs(int tag, LongStream.Builder into, String what) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
            into.add(in.readInt64());
            return;
        }
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, what);
        int old = in.pushLimit(in.readRawVarint32());
        while (!in.isAtEnd()) {
            into.add(in.readInt64());
        }
        in.popLimit(old);
    }

    /** A growable float array; grows only as values are read. */
    private static final class Floats {
        private float[] values = new float[8];
        private int size;

        void reserve(int more) {
            if (size + more > values.length) {
                values = Arrays.copyOf(values, size + more);
            }
        }

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
