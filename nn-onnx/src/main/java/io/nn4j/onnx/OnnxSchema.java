package io.nn4j.onnx;

/**
 * The field numbers and enum values of the ONNX messages nn-onnx reads and writes, from the ONNX
 * specification's {@code onnx.proto} (IR version 8). Only {@link OnnxReader} and
 * {@link OnnxWriter} use them; everything else sees {@link OnnxProto}'s records.
 */
final class OnnxSchema {
    /** ModelProto. */
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_PRODUCER_NAME = 2;
    static final int MODEL_PRODUCER_VERSION = 3;
    static final int MODEL_DOC_STRING = 6;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET_IMPORT = 8;
    static final int MODEL_METADATA_PROPS = 14;

    /** OperatorSetIdProto. */
    static final int OPSET_DOMAIN = 1;
    static final int OPSET_VERSION = 2;

    /** StringStringEntryProto. */
    static final int ENTRY_KEY = 1;
    static final int ENTRY_VALUE = 2;

    /** GraphProto. */
    static final int GRAPH_NODE = 1;
    static final int GRAPH_NAME = 2;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_DOC_STRING = 10;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    static final int GRAPH_SPARSE_INITIALIZER = 15;

    /** NodeProto. */
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    static final int NODE_ATTRIBUTE = 5;
    static final int NODE_DOC_STRING = 6;
    static final int NODE_DOMAIN = 7;

    /** AttributeProto. */
    static final int ATTRIBUTE_NAME = 1;
    static final int ATTRIBUTE_F = 2;
    static final int ATTRIBUTE_I = 3;
    static final int ATTRIBUTE_S = 4;
    static final int ATTRIBUTE_T = 5;
    static final int ATTRIBUTE_FLOATS = 7;
    static final int ATTRIBUTE_INTS = 8;
    static final int ATTRIBUTE_TYPE = 20;

    /** AttributeProto.AttributeType. */
    static final int TYPE_FLOAT = 1;
    static final int TYPE_INT = 2;
    static final int TYPE_STRING = 3;
    static final int TYPE_TENSOR = 4;
    static final int TYPE_FLOATS = 6;
    static final int TYPE_INTS = 7;

    /** ValueInfoProto. */
    static final int VALUE_NAME = 1;
    static final int VALUE_TYPE = 2;

    /** TypeProto, TypeProto.Tensor, TensorShapeProto and its Dimension. */
    static final int TYPE_TENSOR_TYPE = 1;
    static final int TENSOR_TYPE_ELEM_TYPE = 1;
    static final int TENSOR_TYPE_SHAPE = 2;
    static final int SHAPE_DIM = 1;
    static final int DIM_VALUE = 1;
    static final int DIM_PARAM = 2;

    /** TensorProto. */
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_FLOAT_DATA = 4;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    static final int TENSOR_EXTERNAL_DATA = 13;
    static final int TENSOR_DATA_LOCATION = 14;

    /** TensorProto.DataType values this module names. */
    static final int FLOAT = 1;
    /** TensorProto.DataLocation.EXTERNAL: the values live in another file. */
    static final int LOCATION_EXTERNAL = 1;

    private OnnxSchema() {
    }

    /**
     * The name of a TensorProto.DataType, for messages: {@code FLOAT}, {@code INT64}, ….
     *
     * @param dataType the enum value
     * @return its name, or {@code type N} for a value the specification does not name
     */
    static String dataTypeName(int dataType) {
        String[] names = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32",
            "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64",
            "COMPLEX128", "BFLOAT16"};
        return dataType >= 0 && dataType < names.length ? names[dataType] : "type " + dataType;
    }
}
