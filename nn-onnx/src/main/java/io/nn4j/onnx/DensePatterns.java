package io.nn4j.onnx;

import java.util.Arrays;
import java.util.List;

/**
 * Recognizes a dense layer in an ONNX graph, as PyTorch and {@link OnnxExporter} write
 * {@code nn.Linear}: {@code Gemm} (any {@code transB}, {@code alpha} and {@code beta}, folded
 * into the weights and bias; no {@code transA}; the bias optional), or {@code MatMul} of weights
 * {@code [in, out]} (or of a {@code Transpose} of weights {@code [out, in]}) followed by an
 * optional {@code Add} of the bias. The weights come back as nn4j keeps them, {@code [out, in]}
 * row-major.
 *
 * <p>Stateless: any thread may call it.
 */
final class DensePatterns {

    /**
     * A dense layer read from the graph.
     *
     * @param weights {@code [units, in]} row-major
     * @param bias {@code [units]}
     * @param units the layer's output width
     * @param output the tensor holding the layer's pre-activation
     */
    record Dense(float[] weights, float[] bias, int units, String output) {
    }

    /** The weights as nn4j keeps them, and the layer's output width. */
    private record Weights(float[] values, int units) {
    }

    private DensePatterns() {
    }

    /**
     * The layer a {@code Gemm} node computes from {@code input}, of {@code width} columns (-1
     * when not yet known); takes the node.
     *
     * @throws UnsupportedOnnxModelException naming the node when nn4j cannot express it
     */
    static Dense gemm(GraphIndex graph, int node, String input, int width)
            throws OnnxFormatException {
        graph.take(node);
        OnnxProto.Node n = graph.node(node);
        firstInput(graph, node, input);
        if (intAttribute(n, "transA", 0) != 0) {
            throw graph.refuse(node, "transA is set; expected the batch as the first input, "
                    + "untransposed");
        }
        boolean transB = intAttribute(n, "transB", 0) != 0;
        float alpha = n.attribute("alpha").map(OnnxProto.Attribute::f).orElse(1f);
        float beta = n.attribute("beta").map(OnnxProto.Attribute::f).orElse(1f);
        Weights weights = weights(graph, node, transB, alpha, width);
        boolean hasBias = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty();
        float[] bias = hasBias ? bias(graph, node, 2, beta, weights.units())
                : new float[weights.units()];
        return new Dense(weights.values(), bias, weights.units(), output(graph, node));
    }

    /**
     * The layer a {@code MatMul} node, and the {@code Add} of a constant after it if any,
     * compute from {@code input}, of {@code width} columns (-1 when not yet known); takes them.
     *
     * @throws UnsupportedOnnxModelException naming the node when nn4j cannot express it
     */
    static Dense matMul(GraphIndex graph, int node, String input, int width)
            throws OnnxFormatException {
        graph.take(node);
        firstInput(graph, node, input);
        Weights weights = weights(graph, node, false, 1f, width);
        String z = output(graph, node);
        List<Integer> next = graph.pending(z);
        float[] bias = new float[weights.units()];
        if (next.size() == 1 && graph.node(next.get(0)).opType().equals("Add")
                && addsAConstant(graph, next.get(0), z)) {
            int add = next.get(0);
            graph.take(add);
            bias = bias(graph, add, 1 - graph.node(add).inputs().indexOf(z), 1f,
                    weights.units());
            z = output(graph, add);
        }
        return new Dense(weights.values(), bias, weights.units(), z);
    }

    private static boolean addsAConstant(GraphIndex graph, int add, String z) {
        List<String> inputs = graph.node(add).inputs();
        return inputs.size() == 2 && inputs.contains(z)
                && graph.isConstant(inputs.get(1 - inputs.indexOf(z)));
    }

    private static void firstInput(GraphIndex graph, int node, String input)
            throws UnsupportedOnnxModelException {
        List<String> inputs = graph.node(node).inputs();
        if (inputs.size() < 2 || !inputs.get(0).equals(input)) {
            throw graph.refuse(node, "reads " + inputs + "; expected the layer's input '" + input
                    + "' first, then the weights");
        }
    }

    /**
     * The weights of the layer {@code node} computes as nn4j keeps them, {@code [out, in]}
     * row-major, times {@code alpha}, checked to take {@code width} features.
     */
    private static Weights weights(GraphIndex graph, int node, boolean transposed, float alpha,
                                   int width) throws OnnxFormatException {
        String name = graph.node(node).inputs().get(1);
        int transpose = graph.producer(name);
        boolean viaTranspose = transpose >= 0
                && graph.node(transpose).opType().equals("Transpose");
        OnnxProto.Tensor tensor = viaTranspose
                ? transposeOfConstant(graph, transpose)
                : graph.floatConstant(node, 1, "weights");
        long[] dims = tensor.dims();
        if (dims.length != 2 || dims[0] < 1 || dims[1] < 1) {
            throw graph.refuse(node, "weights '" + tensor.name() + "' have shape "
                    + Arrays.toString(dims) + "; expected a matrix");
        }
        // As stored: [out, in] when transposed (Gemm transB = 1) or read through a Transpose.
        boolean outFirst = transposed ^ viaTranspose;
        int out = (int) (outFirst ? dims[0] : dims[1]);
        int in = (int) (outFirst ? dims[1] : dims[0]);
        if (width >= 0 && in != width) {
            throw graph.refuse(node, "weights '" + tensor.name() + "' " + Arrays.toString(dims)
                    + " take " + in + " features; the tensor before it has " + width);
        }
        float[] values = tensor.values();
        float[] w = new float[values.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[o * in + i] = alpha * (outFirst ? values[o * in + i] : values[i * out + o]);
            }
        }
        return new Weights(w, out);
    }

    /** The constant a {@code Transpose} node swaps, taking the node; the dims as stored. */
    private static OnnxProto.Tensor transposeOfConstant(GraphIndex graph, int transpose)
            throws OnnxFormatException {
        OnnxProto.Node t = graph.node(transpose);
        long[] perm = t.attribute("perm").map(OnnxProto.Attribute::ints).orElse(new long[0]);
        if (perm.length != 0 && !Arrays.equals(perm, new long[] {1, 0})) {
            throw graph.refuse(transpose, "perm " + Arrays.toString(perm) + "; expected [1, 0] "
                    + "for a matrix of weights");
        }
        if (graph.readers(output(graph, transpose)) != 1) {
            throw graph.refuse(transpose, "its weights are read by more than one node; nn4j "
                    + "layers own their weights");
        }
        graph.take(transpose);
        return graph.floatConstant(transpose, 0, "weights");
    }

    private static float[] bias(GraphIndex graph, int node, int input, float beta, int width)
            throws UnsupportedOnnxModelException {
        OnnxProto.Tensor tensor = graph.floatConstant(node, input, "bias");
        long[] dims = tensor.dims();
        float[] values = tensor.values();
        float[] bias = new float[width];
        boolean row = dims.length == 1 || (dims.length == 2 && dims[0] == 1);
        if (values.length == 1 && width != 1) {
            Arrays.fill(bias, values[0] * beta);
        } else if (row && values.length == width) {
            for (int j = 0; j < width; j++) {
                bias[j] = values[j] * beta;
            }
        } else {
            throw graph.refuse(node, "bias '" + tensor.name() + "' has shape "
                    + Arrays.toString(dims) + "; expected [" + width + "]");
        }
        return bias;
    }

    private static long intAttribute(OnnxProto.Node node, String name, long otherwise) {
        return node.attribute(name).map(OnnxProto.Attribute::i).orElse(otherwise);
    }

    private static String output(GraphIndex graph, int node)
            throws UnsupportedOnnxModelException {
        List<String> outputs = graph.node(node).outputs();
        if (outputs.isEmpty() || outputs.get(0).isEmpty()) {
            throw graph.refuse(node, "writes no output");
        }
        return outputs.get(0);
    }
}
