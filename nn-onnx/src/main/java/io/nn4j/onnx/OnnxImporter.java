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
 * per layer a dense layer ({@link DensePatterns}: {@code Gemm}, or {@code MatMul} then
 * {@code Add}) followed by one of nn4j's activations ({@link ActivationPatterns}, as PyTorch
 * exports them), {@code Identity} and inference {@code Dropout}
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
                DensePatterns.Dense dense = op.equals("Gemm")
                        ? DensePatterns.gemm(graph, node, current, width)
                        : DensePatterns.matMul(graph, node, current, width);
                parameters.add(dense.weights());
                parameters.add(dense.bias());
                width = dense.units();
                ActivationPatterns.Matched activation = activation(passThrough(dense.output()));
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
