package io.nn4j.onnx;

import io.nn4j.api.Activation;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.DenseSpec;
import io.nn4j.api.nn.LayerSpec;
import io.nn4j.api.preprocess.Preprocessing;
import io.nn4j.api.preprocess.Scaler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an ONNX graph as a chain of dense layers (the table is in {@code docs/onnx.md}): from
 * the one graph input, an optional feature scaler ({@code Sub}, {@code Div} by constants), then
 * per layer {@code Gemm} (any {@code transB}, {@code alpha}, {@code beta}; no {@code transA}) or
 * {@code MatMul} with an optional {@code Add} of the bias, the weights constant or a
 * {@code Transpose} of a constant, followed by nn4j's activations as PyTorch exports them
 * (SiLU as {@code Sigmoid} and {@code Mul}, the exact GELU as {@code Div}, {@code Erf},
 * {@code Add}, {@code Mul}, {@code Mul}), {@code Identity} and inference {@code Dropout}
 * passed through, and an optional target scaler's inverse ({@code Mul}, {@code Add}) at the
 * end. Every node must be taken by that chain and the chain must end at the graph's output;
 * anything else is refused naming the node and its operator.
 *
 * <p>One instance serves one import; not for sharing between threads.
 */
final class OnnxImporter {
    /** The operator set versions whose operators this importer reads the same way. */
    static final int MIN_OPSET = 7;
    static final int MAX_OPSET = 23;

    /**
     * What the graph holds.
     *
     * @param architecture the layers and the preprocessing
     * @param parameters the weights ({@code [out, in]} row-major) and biases of each dense layer,
     *     in the order of {@code Sequential.parameters()}
     */
    record Imported(Architecture architecture, List<float[]> parameters) {
    }

    private final Path file;
    private final OnnxProto.Model model;
    private final GraphIndex graph;
    private final long opset;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<float[]> parameters = new ArrayList<>();
    private int width;
    private Scaler featureScaler;
    private Scaler targetScaler;

    private OnnxImporter(Path file, OnnxProto.Model model, long opset) throws OnnxFormatException {
        this.file = file;
        this.model = model;
        this.graph = new GraphIndex(file, model.graph());
        this.opset = opset;
    }

    /**
     * The layers and weights of {@code model}.
     *
     * @param file the file it was read from, for messages
     * @param model its records
     * @return the architecture and the parameters
     * @throws UnsupportedOnnxModelException naming the node and operator nn4j cannot express
     * @throws OnnxFormatException           for a model without a graph or with contradictions
     */
    static Imported read(Path file, OnnxProto.Model model) throws OnnxFormatException {
        if (model.graph() == null) {
            throw new OnnxFormatException(file, "holds no graph; expected an ONNX model "
                    + "(ModelProto with a graph)");
        }
        Long opset = model.opsets().getOrDefault("", model.opsets().get("ai.onnx"));
        if (opset == null || opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new UnsupportedOnnxModelException(file, "", "", "imports "
                    + (opset == null ? "no opset of the default domain" : "opset " + opset)
                    + "; expected opset " + MIN_OPSET + " to " + MAX_OPSET);
        }
        return new OnnxImporter(file, model, opset).walk();
    }

    private Imported walk() throws OnnxFormatException {
        OnnxProto.Graph g = model.graph();
        if (g.sparseInitializers() > 0) {
            throw graph.refuseGraph("has sparse initializers; nn4j reads dense ones");
        }
        List<OnnxProto.ValueInfo> inputs = g.inputs().stream()
                .filter(v -> !graph.isConstant(v.name())).toList();
        if (inputs.size() != 1 || g.outputs().size() != 1) {
            throw graph.refuseGraph(inputs.size() + " inputs " + names(inputs) + " and "
                    + g.outputs().size() + " outputs " + names(g.outputs())
                    + "; nn4j imports a graph of one input and one output");
        }
        OnnxProto.ValueInfo input = inputs.get(0);
        width = checkValue(input, "input", -1);
        String current = passThrough(input.name());
        if (pendingOp(current, "Sub")) {
            current = featureScaler(current);
        }
        while (true) {
            current = passThrough(current);
            List<Integer> next = graph.pending(current);
            if (next.isEmpty()) {
                break;
            }
            int node = next.get(0);
            String op = graph.node(node).opType();
            if (next.size() == 1 && (op.equals("Gemm") || op.equals("MatMul"))) {
                String z = op.equals("Gemm") ? gemm(node, current) : matMul(node, current);
                ActivationPatterns.Matched activation = activation(passThrough(z));
                layers.add(new DenseSpec(width, activation.activation()));
                current = activation.output();
            } else if (next.size() == 1 && op.equals("Mul") && !layers.isEmpty()
                    && targetScaler == null) {
                current = targetScaler(node, current);
            } else {
                throw graph.refuse(node, (next.size() > 1 ? "one of " + next.size() + " nodes "
                        + "reading '" + current + "'; " : "") + "operator " + op + " is not "
                        + "supported here; expected Gemm, or MatMul (then Add), for a dense "
                        + "layer" + (layers.isEmpty() ? "" : ", or an nn4j activation"));
            }
        }
        return finish(g, current);
    }

    private Imported finish(OnnxProto.Graph g, String current) throws OnnxFormatException {
        if (layers.isEmpty()) {
            throw graph.refuseGraph("no dense layer (Gemm or MatMul) reads the input '"
                    + g.inputs().get(0).name() + "'");
        }
        int leftOver = graph.firstLeftOver();
        if (leftOver >= 0) {
            throw graph.refuse(leftOver, "is not on the chain of layers from the input to the "
                    + "output; nn4j imports one chain");
        }
        OnnxProto.ValueInfo output = g.outputs().get(0);
        if (!output.name().equals(current)) {
            throw graph.refuseGraph("the chain of layers ends in '" + current + "', not at the "
                    + "graph's output '" + output.name() + "'");
        }
        checkValue(output, "output", width);
        int inputSize = parameters.get(0).length / ((DenseSpec) layers.get(0)).units();
        try {
            Preprocessing preprocessing = Preprocessing.of(featureScaler, targetScaler,
                    classNames());
            return new Imported(new Architecture(inputSize, layers, preprocessing), parameters);
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(file, "metadata: " + e.getMessage(), e);
        }
    }

    /** Checks a graph input or output: float, rank 2 when shaped, of {@code expected} columns. */
    private int checkValue(OnnxProto.ValueInfo value, String role, int expected)
            throws UnsupportedOnnxModelException {
        if (value.elemType() != OnnxSchema.FLOAT) {
            throw graph.refuseGraph(role + " '" + value.name() + "' is of type "
                    + OnnxSchema.dataTypeName(value.elemType()) + "; expected FLOAT");
        }
        if (value.dims() == null) {
            return expected;
        }
        if (value.dims().size() != 2) {
            throw graph.refuseGraph(role + " '" + value.name() + "' has shape " + value.dims()
                    + "; expected [batch, features]");
        }
        long columns = value.dims().get(1).value();
        if (columns == 0 || columns > Integer.MAX_VALUE
                || (columns > 0 && expected >= 0 && columns != expected)) {
            throw graph.refuseGraph(role + " '" + value.name() + "' has shape " + value.dims()
                    + "; expected " + (expected >= 0 ? expected : "at least 1") + " columns");
        }
        return columns > 0 ? (int) columns : expected;
    }

    /** Follows {@code Identity} and inference {@code Dropout} nodes from {@code tensor}. */
    private String passThrough(String tensor) throws UnsupportedOnnxModelException {
        String current = tensor;
        while (true) {
            List<Integer> next = graph.pending(current);
            if (next.size() != 1) {
                return current;
            }
            int node = next.get(0);
            OnnxProto.Node n = graph.node(node);
            if (!(n.opType().equals("Identity") || n.opType().equals("Dropout"))) {
                return current;
            }
            if (n.outputs().size() > 1 && graph.readers(n.outputs().get(1)) > 0) {
                throw graph.refuse(node, "its mask is read; nn4j imports inference graphs");
            }
            graph.take(node);
            current = n.outputs().get(0);
        }
    }

    private boolean pendingOp(String tensor, String op) {
        List<Integer> next = graph.pending(tensor);
        return next.size() == 1 && graph.node(next.get(0)).opType().equals(op);
    }

    /** The single node reading {@code tensor} first, of operator {@code op}; taken. */
    private int follow(String tensor, String op, int from, String expectation)
            throws UnsupportedOnnxModelException {
        List<Integer> next = graph.pending(tensor);
        if (next.size() != 1 || !graph.node(next.get(0)).opType().equals(op)) {
            throw next.isEmpty() ? graph.refuse(from, "nothing follows it; " + expectation)
                    : graph.refuse(next.get(0), "operator " + graph.node(next.get(0)).opType()
                    + (next.size() > 1 ? " (one of " + next.size() + " readers)" : "")
                    + " follows '" + tensor + "'; " + expectation);
        }
        int node = next.get(0);
        graph.take(node);
        return node;
    }

    private String featureScaler(String input) throws OnnxFormatException {
        int sub = follow(input, "Sub", -1, "");
        float[] center = columns(sub, input, "center");
        int div = follow(out(sub), "Div", sub, "a Sub at the input is read as a feature scaler "
                + "and must be followed by a Div by a constant");
        float[] scale = columns(div, out(sub), "scale");
        if (scale.length != center.length) {
            throw graph.refuse(div, scale.length + " scales after " + center.length
                    + " centers; expected one of each per column");
        }
        width = width < 0 ? center.length : width;
        try {
            featureScaler = Scaler.of(scalerKind(OnnxExporter.FEATURE_SCALER_KEY), center, scale);
        } catch (IllegalArgumentException e) {
            throw graph.refuse(div, "the feature scaler it ends: " + e.getMessage());
        }
        return out(div);
    }

    private String targetScaler(int mul, String input) throws OnnxFormatException {
        graph.take(mul);
        float[] scale = columns(mul, input, "scale");
        int add = follow(out(mul), "Add", mul, "a Mul after the last layer is read as a target "
                + "scaler's inverse and must be followed by an Add of a constant");
        float[] center = columns(add, out(mul), "center");
        try {
            targetScaler = Scaler.of(scalerKind(OnnxExporter.TARGET_SCALER_KEY), center, scale);
        } catch (IllegalArgumentException e) {
            throw graph.refuse(add, "the target scaler it ends: " + e.getMessage());
        }
        return out(add);
    }

    /** The constant per-column vector {@code node} combines with {@code data}, width-checked. */
    private float[] columns(int node, String data, String role)
            throws UnsupportedOnnxModelException {
        List<String> inputs = graph.node(node).inputs();
        if (inputs.size() != 2 || !inputs.contains(data)) {
            throw graph.refuse(node, "reads " + inputs + "; expected '" + data + "' and a "
                    + "constant " + role);
        }
        OnnxProto.Tensor tensor = graph.floatConstant(node, 1 - inputs.indexOf(data), role);
        long[] dims = tensor.dims();
        boolean vector = dims.length == 1 || (dims.length == 2 && dims[0] == 1);
        if (!vector || (width >= 0 && tensor.values().length != width)) {
            throw graph.refuse(node, role + " '" + tensor.name() + "' has shape "
                    + Arrays.toString(dims) + "; expected [" + (width >= 0 ? width : "columns")
                    + "]");
        }
        return tensor.values();
    }

    private String gemm(int node, String input) throws OnnxFormatException {
        graph.take(node);
        OnnxProto.Node n = graph.node(node);
        firstInput(node, input);
        if (intAttribute(n, "transA", 0) != 0) {
            throw graph.refuse(node, "transA is set; expected the batch as the first input, "
                    + "untransposed");
        }
        boolean transB = intAttribute(n, "transB", 0) != 0;
        float alpha = n.attribute("alpha").map(OnnxProto.Attribute::f).orElse(1f);
        float beta = n.attribute("beta").map(OnnxProto.Attribute::f).orElse(1f);
        float[] weights = weights(node, transB, alpha);
        boolean hasBias = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty();
        float[] bias = hasBias ? bias(node, 2, beta) : new float[width];
        parameters.add(weights);
        parameters.add(bias);
        return out(node);
    }

    private String matMul(int node, String input) throws OnnxFormatException {
        graph.take(node);
        firstInput(node, input);
        float[] weights = weights(node, false, 1f);
        String z = out(node);
        List<Integer> next = graph.pending(z);
        float[] bias = new float[width];
        if (next.size() == 1 && graph.node(next.get(0)).opType().equals("Add")
                && addsAConstant(next.get(0), z)) {
            int add = next.get(0);
            graph.take(add);
            bias = bias(add, 1 - graph.node(add).inputs().indexOf(z), 1f);
            z = out(add);
        }
        parameters.add(weights);
        parameters.add(bias);
        return z;
    }

    private boolean addsAConstant(int add, String z) {
        List<String> inputs = graph.node(add).inputs();
        return inputs.size() == 2 && inputs.contains(z)
                && graph.isConstant(inputs.get(1 - inputs.indexOf(z)));
    }

    private void firstInput(int node, String input) throws UnsupportedOnnxModelException {
        List<String> inputs = graph.node(node).inputs();
        if (inputs.size() < 2 || !inputs.get(0).equals(input)) {
            throw graph.refuse(node, "reads " + inputs + "; expected the layer's input '" + input
                    + "' first, then the weights");
        }
    }

    /**
     * The weights of the layer {@code node} computes as nn4j keeps them, {@code [out, in]}
     * row-major, times {@code alpha}; sets {@link #width} to the layer's output width.
     */
    private float[] weights(int node, boolean transposed, float alpha) throws OnnxFormatException {
        String name = graph.node(node).inputs().get(1);
        int transpose = graph.producer(name);
        boolean viaTranspose = transpose >= 0
                && graph.node(transpose).opType().equals("Transpose");
        OnnxProto.Tensor tensor = viaTranspose
                ? transposeOfConstant(transpose) : graph.floatConstant(node, 1, "weights");
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
        width = out;
        return w;
    }

    /** The constant a {@code Transpose} node swaps, taking the node; the dims as stored. */
    private OnnxProto.Tensor transposeOfConstant(int transpose) throws OnnxFormatException {
        OnnxProto.Node t = graph.node(transpose);
        long[] perm = t.attribute("perm").map(OnnxProto.Attribute::ints).orElse(new long[0]);
        if (perm.length != 0 && !Arrays.equals(perm, new long[] {1, 0})) {
            throw graph.refuse(transpose, "perm " + Arrays.toString(perm) + "; expected [1, 0] "
                    + "for a matrix of weights");
        }
        if (graph.readers(out(transpose)) != 1) {
            throw graph.refuse(transpose, "its weights are read by more than one node; nn4j "
                    + "layers own their weights");
        }
        graph.take(transpose);
        return graph.floatConstant(transpose, 0, "weights");
    }

    private float[] bias(int node, int input, float beta) throws UnsupportedOnnxModelException {
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

    /** The activation that follows a layer's output {@code z}, and the tensor it writes. */
    private ActivationPatterns.Matched activation(String z) throws OnnxFormatException {
        List<Integer> next = graph.pending(z);
        if (next.size() == 2) {
            return ActivationPatterns.branch(graph, z, next);
        }
        if (next.size() != 1) {
            return new ActivationPatterns.Matched(Activation.IDENTITY, z);
        }
        int node = next.get(0);
        OnnxProto.Node n = graph.node(node);
        Activation activation = ActivationPatterns.single(graph, node, opset);
        if (activation == null) {
            return new ActivationPatterns.Matched(Activation.IDENTITY, z);
        }
        if (n.inputs().size() != 1 || !n.inputs().get(0).equals(z)) {
            throw graph.refuse(node, "reads " + n.inputs() + "; expected '" + z + "' alone");
        }
        graph.take(node);
        return new ActivationPatterns.Matched(activation, out(node));
    }

    private static long intAttribute(OnnxProto.Node node, String name, long otherwise) {
        return node.attribute(name).map(OnnxProto.Attribute::i).orElse(otherwise);
    }

    private String out(int node) throws UnsupportedOnnxModelException {
        List<String> outputs = graph.node(node).outputs();
        if (outputs.isEmpty() || outputs.get(0).isEmpty()) {
            throw graph.refuse(node, "writes no output");
        }
        return outputs.get(0);
    }

    private Scaler.Kind scalerKind(String key) throws OnnxFormatException {
        String id = model.metadata().get(key);
        try {
            return id == null ? Scaler.Kind.STANDARD : Scaler.Kind.byId(id);
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(file, "metadata " + key + ": " + e.getMessage(), e);
        }
    }

    /** The class names the metadata holds ({@code nn4j.class.0}, …), or none. */
    private List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (int c = 0; model.metadata().containsKey(OnnxExporter.CLASS_KEY_PREFIX + c); c++) {
            names.add(model.metadata().get(OnnxExporter.CLASS_KEY_PREFIX + c));
        }
        return names;
    }

    private static String names(List<OnnxProto.ValueInfo> values) {
        return values.stream().map(OnnxProto.ValueInfo::name).toList().toString();
    }
}
