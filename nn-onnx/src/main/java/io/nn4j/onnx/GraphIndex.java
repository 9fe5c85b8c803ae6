package io.nn4j.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph indexed for {@link OnnxImporter}'s pattern matching: the constants (initializers
 * and {@code Constant} nodes) by name, the nodes that read each tensor, which nodes a pattern
 * has taken, and the refusals naming a node and its operator.
 *
 * <p>One instance serves one import; not for sharing between threads.
 */
final class GraphIndex {
    private final Path file;
    private final List<OnnxProto.Node> nodes;
    private final Map<String, OnnxProto.Tensor> constants = new HashMap<>();
    private final Map<String, Integer> producers = new HashMap<>();
    private final Map<String, List<Integer>> consumers = new HashMap<>();
    private final boolean[] taken;

    GraphIndex(Path file, OnnxProto.Graph graph) throws OnnxFormatException {
        this.file = file;
        this.nodes = graph.nodes();
        this.taken = new boolean[nodes.size()];
        for (OnnxProto.Tensor tensor : graph.initializers()) {
            if (constants.put(tensor.name(), tensor) != null) {
                throw new OnnxFormatException(file, "two initializers are named '"
                        + tensor.name() + "'; expected unique names");
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            OnnxProto.Node node = nodes.get(i);
            if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
                throw refuse(i, "domain '" + node.domain() + "' is not supported; expected the "
                        + "default ONNX domain");
            }
            for (String output : node.outputs()) {
                if (!output.isEmpty() && (producers.put(output, i) != null
                        || constants.containsKey(output))) {
                    throw new OnnxFormatException(file, "tensor '" + output + "' is written "
                            + "twice; expected each tensor written once (single assignment)");
                }
            }
            if (node.opType().equals("Constant")) {
                constants.put(node.outputs().isEmpty() ? "" : node.outputs().get(0),
                        constantValue(i));
                taken[i] = true;
            }
            for (String input : node.inputs()) {
                if (!input.isEmpty()) {
                    consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(i);
                }
            }
        }
    }

    /** The tensor a {@code Constant} node makes, from its {@code value} or {@code value_float}. */
    private OnnxProto.Tensor constantValue(int index) throws UnsupportedOnnxModelException {
        OnnxProto.Node node = nodes.get(index);
        if (node.outputs().size() != 1) {
            throw refuse(index, node.outputs().size() + " outputs; expected 1");
        }
        for (OnnxProto.Attribute attribute : node.attributes()) {
            if (attribute.name().equals("value") && attribute.t() != null) {
                OnnxProto.Tensor t = attribute.t();
                return new OnnxProto.Tensor(node.outputs().get(0), t.dims(), t.dataType(),
                        t.values(), t.external());
            }
            if (attribute.name().equals("value_float")) {
                return OnnxProto.Tensor.ofFloats(node.outputs().get(0), new long[0],
                        new float[] {attribute.f()});
            }
        }
        throw refuse(index, "no 'value' tensor or 'value_float'; nn4j reads constants of "
                + "those kinds");
    }

    OnnxProto.Node node(int index) {
        return nodes.get(index);
    }

    /** The nodes not yet taken that read {@code tensor}. */
    List<Integer> pending(String tensor) {
        List<Integer> readers = consumers.getOrDefault(tensor, List.of());
        List<Integer> pending = new ArrayList<>();
        for (int reader : readers) {
            if (!taken[reader]) {
                pending.add(reader);
            }
        }
        return pending;
    }

    /** How many nodes read {@code tensor}, taken or not. */
    int readers(String tensor) {
        return consumers.getOrDefault(tensor, List.of()).size();
    }

    void take(int index) {
        taken[index] = true;
    }

    /** The first node no pattern took, or -1. */
    int firstLeftOver() {
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The node writing {@code tensor}, or -1 for a graph input or initializer. */
    int producer(String tensor) {
        return producers.getOrDefault(tensor, -1);
    }

    boolean isConstant(String tensor) {
        return constants.containsKey(tensor);
    }

    /**
     * The float constant {@code node} reads as input {@code input}.
     *
     * @throws UnsupportedOnnxModelException naming the node when it is missing, not a constant,
     *                                       not float, or stored outside the file
     */
    OnnxProto.Tensor floatConstant(int node, int input, String role)
            throws UnsupportedOnnxModelException {
        List<String> inputs = nodes.get(node).inputs();
        String name = input < inputs.size() ? inputs.get(input) : "";
        OnnxProto.Tensor tensor = constants.get(name);
        if (tensor == null) {
            throw refuse(node, "input " + input + " (" + role + ") '" + name + "' is not a "
                    + "constant; nn4j takes " + role + " from initializers or Constant nodes");
        }
        if (tensor.external()) {
            throw refuse(node, role + " '" + name + "' is stored in an external file; nn4j "
                    + "reads models whose tensors are inside the .onnx file");
        }
        if (tensor.dataType() != OnnxSchema.FLOAT) {
            throw refuse(node, role + " '" + name + "' is of type "
                    + OnnxSchema.dataTypeName(tensor.dataType()) + "; expected FLOAT");
        }
        return tensor;
    }

    /** The value of a float constant of one element that {@code node} reads as {@code input}. */
    float scalar(int node, int input, String role) throws UnsupportedOnnxModelException {
        OnnxProto.Tensor tensor = floatConstant(node, input, role);
        if (tensor.values().length != 1) {
            throw refuse(node, role + " '" + tensor.name() + "' has shape "
                    + Arrays.toString(tensor.dims()) + "; expected one value");
        }
        return tensor.values()[0];
    }

    /** {@code node}'s name for messages: its own, or {@code #index} when it has none. */
    String label(int index) {
        String name = nodes.get(index).name();
        return name.isEmpty() ? "#" + index : name;
    }

    UnsupportedOnnxModelException refuse(int node, String problem) {
        return new UnsupportedOnnxModelException(file, label(node), nodes.get(node).opType(),
                problem);
    }

    UnsupportedOnnxModelException refuseGraph(String problem) {
        return new UnsupportedOnnxModelException(file, "", "", problem);
    }
}
