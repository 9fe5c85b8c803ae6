package io.nn4j.onnx;

import io.nn4j.api.Activation;
import java.util.List;

/**
 * Recognizes nn4j's activations in an ONNX graph, as PyTorch and {@link OnnxExporter} write
 * them: one operator for most ({@code Relu}, {@code Sigmoid}, {@code Tanh}, {@code LeakyRelu}
 * of slope 0.01, {@code Elu} of α = 1, {@code Softplus}, {@code Softmax} over the last axis,
 * {@code Gelu} without approximation from opset 20), and two branches from the layer's output
 * for SiLU ({@code Sigmoid}, then {@code Mul} by the layer's output) and the exact GELU
 * ({@code Div} by √2, {@code Erf}, {@code Add} 1, {@code Mul} by the layer's output,
 * {@code Mul} by 0.5).
 *
 * <p>Stateless: any thread may call it.
 */
final class ActivationPatterns {
    /** How far a decomposition's constants may be from √2, 1 and 0.5 (float rounding). */
    private static final double CONSTANT_TOLERANCE = 1e-6;

    /**
     * A layer's activation and the tensor it writes.
     *
     * @param activation the activation
     * @param output the tensor holding the layer's output
     */
    record Matched(Activation activation, String output) {
    }

    private ActivationPatterns() {
    }

    /**
     * The activation one node computes, checking its attributes.
     *
     * @return the activation, or null when the operator is not an activation's
     * @throws UnsupportedOnnxModelException for an activation's operator with attributes nn4j's
     *                                       activation does not have
     */
    static Activation single(GraphIndex graph, int node, long opset)
            throws UnsupportedOnnxModelException {
        OnnxProto.Node n = graph.node(node);
        switch (n.opType()) {
            case "Relu":
                return Activation.RELU;
            case "Sigmoid":
                return Activation.SIGMOID;
            case "Tanh":
                return Activation.TANH;
            case "Softplus":
                return Activation.SOFTPLUS;
            case "LeakyRelu":
                requireFloat(graph, node, "alpha", 0.01f, Activation.LEAKY_RELU_SLOPE,
                        "nn4j's leaky ReLU has slope " + Activation.LEAKY_RELU_SLOPE);
                return Activation.LEAKY_RELU;
            case "Elu":
                requireFloat(graph, node, "alpha", 1f, 1f, "nn4j's ELU has alpha 1");
                return Activation.ELU;
            case "Softmax":
                long axis = n.attribute("axis").map(OnnxProto.Attribute::i)
                        .orElse(opset >= 13 ? -1L : 1L);
                if (axis != 1 && axis != -1) {
                    throw graph.refuse(node, "axis " + axis + "; expected 1 or -1, the "
                            + "features of each row");
                }
                return Activation.SOFTMAX;
            case "Gelu":
                String approximate = n.attribute("approximate").map(OnnxProto.Attribute::s)
                        .orElse("none");
                if (!approximate.equals("none")) {
                    throw graph.refuse(node, "approximate '" + approximate + "'; nn4j's GELU "
                            + "is exact ('none')");
                }
                return Activation.GELU;
            default:
                return null;
        }
    }

    private static void requireFloat(GraphIndex graph, int node, String name, float otherwise,
                                     float expected, String why)
            throws UnsupportedOnnxModelException {
        float value = graph.node(node).attribute(name).map(OnnxProto.Attribute::f)
                .orElse(otherwise);
        if (value != expected) {
            throw graph.refuse(node, name + " " + value + "; " + why);
        }
    }

    /**
     * SiLU or the exact GELU from the two nodes reading a layer's output {@code z}.
     *
     * @throws UnsupportedOnnxModelException naming a node when the branch is neither
     */
    static Matched branch(GraphIndex graph, String z, List<Integer> readers)
            throws UnsupportedOnnxModelException {
        int a = readers.get(0);
        int b = readers.get(1);
        String opA = graph.node(a).opType();
        String opB = graph.node(b).opType();
        if (opA.equals("Sigmoid") || opB.equals("Sigmoid")) {
            int sigmoid = opA.equals("Sigmoid") ? a : b;
            int mul = sigmoid == a ? b : a;
            String s = only(graph, sigmoid, z);
            if (!s.isEmpty() && graph.readers(s) == 1 && product(graph, mul, z, s)) {
                graph.take(sigmoid);
                graph.take(mul);
                return new Matched(Activation.SILU, output(graph, mul));
            }
        }
        if (opA.equals("Div") || opB.equals("Div") || opA.equals("Mul") && opB.equals("Mul")) {
            Matched gelu = gelu(graph, z, a, b);
            if (gelu == null) {
                gelu = gelu(graph, z, b, a);
            }
            if (gelu != null) {
                return gelu;
            }
        }
        throw graph.refuse(a, "'" + z + "' is read by " + opA + " and " + opB + " ('"
                + graph.label(b) + "'); nn4j reads such a branch only as SiLU (Sigmoid, Mul) or "
                + "the exact GELU (Div by sqrt 2, Erf, Add 1, Mul, Mul by 0.5)");
    }

    /** GELU starting with {@code scale} ({@code z / √2} or {@code z · (1/√2)}), or null. */
    private static Matched gelu(GraphIndex graph, String z, int scale, int mul)
            throws UnsupportedOnnxModelException {
        OnnxProto.Node s = graph.node(scale);
        boolean divides = s.opType().equals("Div") && s.inputs().size() == 2
                && s.inputs().get(0).equals(z)
                && near(constant(graph, scale, 1), Math.sqrt(2));
        boolean multiplies = s.opType().equals("Mul") && s.inputs().size() == 2
                && s.inputs().contains(z)
                && near(constant(graph, scale, 1 - s.inputs().indexOf(z)), Math.sqrt(0.5));
        if (!(divides || multiplies)) {
            return null;
        }
        int erf = sole(graph, output(graph, scale), "Erf");
        int add = erf < 0 ? -1 : sole(graph, output(graph, erf), "Add");
        if (add < 0 || !near(other(graph, add, output(graph, erf)), 1)
                || !product(graph, mul, z, output(graph, add))) {
            return null;
        }
        int half = sole(graph, output(graph, mul), "Mul");
        if (half < 0 || !near(other(graph, half, output(graph, mul)), 0.5)) {
            return null;
        }
        for (int node : new int[] {scale, erf, add, mul, half}) {
            graph.take(node);
        }
        return new Matched(Activation.GELU, output(graph, half));
    }

    /** Whether {@code node} is a Mul of {@code x} and {@code y}, in either order. */
    private static boolean product(GraphIndex graph, int node, String x, String y) {
        OnnxProto.Node n = graph.node(node);
        return n.opType().equals("Mul") && n.inputs().size() == 2
                && (n.inputs().equals(List.of(x, y)) || n.inputs().equals(List.of(y, x)));
    }

    /** The node of operator {@code op} that alone reads {@code tensor}, or -1. */
    private static int sole(GraphIndex graph, String tensor, String op) {
        List<Integer> next = graph.pending(tensor);
        return next.size() == 1 && graph.node(next.get(0)).opType().equals(op)
                && graph.readers(tensor) == 1 ? next.get(0) : -1;
    }

    /** The output of {@code node}, checked to be read only where expected by the caller. */
    private static String only(GraphIndex graph, int node, String input) {
        OnnxProto.Node n = graph.node(node);
        return n.inputs().equals(List.of(input)) && !n.outputs().isEmpty()
                ? n.outputs().get(0) : "";
    }

    private static String output(GraphIndex graph, int node) {
        List<String> outputs = graph.node(node).outputs();
        return outputs.isEmpty() ? "" : outputs.get(0);
    }

    /** The one-value constant {@code node} combines with {@code tensor}, or NaN. */
    private static double other(GraphIndex graph, int node, String tensor)
            throws UnsupportedOnnxModelException {
        List<String> inputs = graph.node(node).inputs();
        return inputs.size() == 2 && inputs.contains(tensor)
                ? constant(graph, node, 1 - inputs.indexOf(tensor)) : Double.NaN;
    }

    private static double constant(GraphIndex graph, int node, int input)
            throws UnsupportedOnnxModelException {
        List<String> inputs = graph.node(node).inputs();
        return input < inputs.size() && graph.isConstant(inputs.get(input))
                ? graph.scalar(node, input, "constant") : Double.NaN;
    }

    private static boolean near(double value, double expected) {
        return Math.abs(value - expected) <= CONSTANT_TOLERANCE * Math.abs(expected);
    }
}
