package io.nn4j.onnx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of ONNX's protobuf messages that nn-onnx reads and writes, as plain records:
 * {@link OnnxReader} makes them from a file's bytes, {@link OnnxWriter} writes them, and the
 * mapping to and from a {@code Sequential} ({@link OnnxExporter}, {@link OnnxImporter}) sees
 * only these. Fields nn4j has no use for are skipped when read and never written.
 */
final class OnnxProto {
    private OnnxProto() {
    }

    /**
     * A ModelProto.
     *
     * @param irVersion the IR version
     * @param opsets the operator set version of each domain ({@code ""} is the default one)
     * @param producerName the producer, e.g. {@code pytorch}
     * @param producerVersion its version
     * @param docString what the model is
     * @param graph the graph, or null when the file has none
     * @param metadata the metadata properties, in order
     */
    record Model(long irVersion, Map<String, Long> opsets, String producerName,
                 String producerVersion, String docString, Graph graph,
                 Map<String, String> metadata) {
    }

    /**
     * A GraphProto.
     *
     * @param name the graph's name
     * @param docString what the graph is
     * @param nodes the nodes, in the file's (topological) order
     * @param initializers the constant tensors, by name
     * @param inputs the graph's inputs (in older IR versions, initializers are listed too)
     * @param outputs the graph's outputs
     * @param sparseInitializers how many sparse initializers the file holds (never read)
     */
    record Graph(String name, String docString, List<Node> nodes, List<Tensor> initializers,
                 List<ValueInfo> inputs, List<ValueInfo> outputs, int sparseInitializers) {
    }

    /**
     * A NodeProto.
     *
     * @param name the node's name, possibly empty
     * @param opType the operator, e.g. {@code Gemm}
     * @param domain the operator's domain; empty for the default one
     * @param inputs the names of its inputs; an empty name is an input left out
     * @param outputs the names of its outputs
     * @param attributes its attributes
     * @param docString what the node is
     */
    record Node(String name, String opType, String domain, List<String> inputs,
                List<String> outputs, List<Attribute> attributes, String docString) {

        /**
         * The attribute named {@code name}.
         *
         * @param attributeName the name
         * @return the attribute, or empty
         */
        Optional<Attribute> attribute(String attributeName) {
            return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
        }
    }

    /**
     * An AttributeProto: one of its value fields is in use, as {@code type} says.
     *
     * @param name the attribute's name
     * @param type the AttributeType ({@link OnnxSchema#TYPE_FLOAT}, …)
     * @param f the float value
     * @param i the int value
     * @param s the string value
     * @param t the tensor value, or null
     * @param floats the float values
     * @param ints the int values
     */
    record Attribute(String name, int type, float f, long i, String s, Tensor t, float[] floats,
                     long[] ints) {

        static Attribute ofFloat(String name, float value) {
            return new Attribute(name, OnnxSchema.TYPE_FLOAT, value, 0, "", null, new float[0],
                    new long[0]);
        }

        static Attribute ofInt(String name, long value) {
            return new Attribute(name, OnnxSchema.TYPE_INT, 0f, value, "", null, new float[0],
                    new long[0]);
        }
    }

    /**
     * A TensorProto.
     *
     * @param name the tensor's name
     * @param dims its shape; empty for a scalar
     * @param dataType the TensorProto.DataType
     * @param values the values, row-major, when {@code dataType} is float and they are in the
     *     file; null otherwise
     * @param external whether the values live in another file (never read)
     */
    record Tensor(String name, long[] dims, int dataType, float[] values, boolean external) {

        static Tensor ofFloats(String name, long[] dims, float[] values) {
            return new Tensor(name, dims, OnnxSchema.FLOAT, values, false);
        }
    }

    /**
     * A ValueInfoProto of a tensor type.
     *
     * @param name the value's name
     * @param elemType the element type (TensorProto.DataType); 0 when the type is not a tensor
     *     or not given
     * @param dims the shape, or null when none is given
     */
    record ValueInfo(String name, int elemType, List<Dim> dims) {
    }

    /**
     * A TensorShapeProto.Dimension: a fixed size, a named symbolic one, or neither.
     *
     * @param value the size, or -1 when not fixed
     * @param param the symbolic name, or empty
     */
    record Dim(long value, String param) {
        @Override
        public String toString() {
            return value >= 0 ? Long.toString(value) : param.isEmpty() ? "?" : param;
        }
    }
}
