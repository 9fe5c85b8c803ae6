package io.nn4j.onnx;

import static io.nn4j.onnx.OnnxSchema.*;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Writes {@link OnnxProto}'s records as a ModelProto with protobuf's {@link CodedOutputStream}:
 * each sub-message is encoded first, then written as a length-delimited field of its parent.
 * Tensor values go to {@code raw_data}, little-endian float32, as the specification asks.
 *
 * <p>Stateless: any thread may call it.
 */
final class OnnxWriter {
    private OnnxWriter() {
    }

    /**
     * The ModelProto's bytes.
     *
     * @param model the model's records
     * @return the encoded message
     */
    static byte[] write(OnnxProto.Model model) {
        return encode(out -> {
            out.writeInt64(MODEL_IR_VERSION, model.irVersion());
            writeString(out, MODEL_PRODUCER_NAME, model.producerName());
            writeString(out, MODEL_PRODUCER_VERSION, model.producerVersion());
            writeString(out, MODEL_DOC_STRING, model.docString());
            out.writeByteArray(MODEL_GRAPH, graph(model.graph()));
            for (Map.Entry<String, Long> opset : model.opsets().entrySet()) {
                out.writeByteArray(MODEL_OPSET_IMPORT, encode(o -> {
                    writeString(o, OPSET_DOMAIN, opset.getKey());
                    o.writeInt64(OPSET_VERSION, opset.getValue());
                }));
            }
            for (Map.Entry<String, String> entry : model.metadata().entrySet()) {
                out.writeByteArray(MODEL_METADATA_PROPS, encode(o -> {
                    o.writeString(ENTRY_KEY, entry.getKey());
                    o.writeString(ENTRY_VALUE, entry.getValue());
                }));
            }
        });
    }

    private static byte[] graph(OnnxProto.Graph graph) {
        return encode(out -> {
            for (OnnxProto.Node node : graph.nodes()) {
                out.writeByteArray(GRAPH_NODE, node(node));
            }
            writeString(out, GRAPH_NAME, graph.name());
            for (OnnxProto.Tensor tensor : graph.initializers()) {
                out.writeByteArray(GRAPH_INITIALIZER, tensor(tensor));
            }
            writeString(out, GRAPH_DOC_STRING, graph.docString());
            for (OnnxProto.ValueInfo input : graph.inputs()) {
                out.writeByteArray(GRAPH_INPUT, valueInfo(input));
            }
            for (OnnxProto.ValueInfo output : graph.outputs()) {
                out.writeByteArray(GRAPH_OUTPUT, valueInfo(output));
            }
        });
    }

    private static byte[] node(OnnxProto.Node node) {
        return encode(out -> {
            for (String input : node.inputs()) {
                out.writeString(NODE_INPUT, input);
            }
            for (String output : node.outputs()) {
                out.writeString(NODE_OUTPUT, output);
            }
            writeString(out, NODE_NAME, node.name());
            out.writeString(NODE_OP_TYPE, node.opType());
            for (OnnxProto.Attribute attribute : node.attributes()) {
                out.writeByteArray(NODE_ATTRIBUTE, attribute(attribute));
            }
            writeString(out, NODE_DOC_STRING, node.docString());
            writeString(out, NODE_DOMAIN, node.domain());
        });
    }

    private static byte[] attribute(OnnxProto.Attribute attribute) {
        return encode(out -> {
            out.writeString(ATTRIBUTE_NAME, attribute.name());
            switch (attribute.type()) {
                case TYPE_FLOAT -> out.writeFloat(ATTRIBUTE_F, attribute.f());
                case TYPE_INT -> out.writeInt64(ATTRIBUTE_I, attribute.i());
                default -> throw new IllegalStateException("nn4j writes float and int "
                        + "attributes only; " + attribute.name() + " is of type "
                        + attribute.type());
            }
            out.writeInt32(ATTRIBUTE_TYPE, attribute.type());
        });
    }

    private static byte[] tensor(OnnxProto.Tensor tensor) {
        return encode(out -> {
            for (long dim : tensor.dims()) {
                out.writeInt64(TENSOR_DIMS, dim);
            }
            out.writeInt32(TENSOR_DATA_TYPE, tensor.dataType());
            out.writeString(TENSOR_NAME, tensor.name());
            ByteBuffer raw = ByteBuffer.allocate(tensor.values().length * Float.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(tensor.values());
            out.writeByteArray(TENSOR_RAW_DATA, raw.array());
        });
    }

    private static byte[] valueInfo(OnnxProto.ValueInfo value) {
        byte[] shape = encode(out -> {
            for (OnnxProto.Dim dim : value.dims()) {
                out.writeByteArray(SHAPE_DIM, encode(d -> {
                    if (dim.value() >= 0) {
                        d.writeInt64(DIM_VALUE, dim.value());
                    } else {
                        d.writeString(DIM_PARAM, dim.param());
                    }
                }));
            }
        });
        byte[] tensorType = encode(out -> {
            out.writeInt32(TENSOR_TYPE_ELEM_TYPE, value.elemType());
            out.writeByteArray(TENSOR_TYPE_SHAPE, shape);
        });
        return encode(out -> {
            out.writeString(VALUE_NAME, value.name());
            out.writeByteArray(VALUE_TYPE, encode(t -> t.writeByteArray(TYPE_TENSOR_TYPE,
                    tensorType)));
        });
    }

    private static void writeString(CodedOutputStream out, int field, String value)
            throws IOException {
        if (!value.isEmpty()) {
            out.writeString(field, value);
        }
    }

    @FunctionalInterface
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    /** One message's bytes. */
    private static byte[] encode(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("encoding into memory failed", e);
        }
        return bytes.toByteArray();
    }
}
