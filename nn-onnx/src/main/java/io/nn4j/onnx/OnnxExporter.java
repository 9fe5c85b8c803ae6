package io.nn4j.onnx;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Parameter;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.DenseSpec;
import io.nn4j.api.nn.DropoutSpec;
import io.nn4j.api.nn.LayerSpec;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Preprocessing;
import io.nn4j.api.preprocess.Scaler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link Sequential} to an ONNX graph (the table is in {@code docs/onnx.md}): the feature
 * scaler as {@code Sub} and {@code Div} in front, each dense layer as {@code Gemm} with
 * {@code transB = 1} (its weights {@code [out, in]} as nn4j keeps them), each activation as
 * standard operators of opset {@value OnnxModels#OPSET} (SiLU and the exact GELU as their
 * decompositions, which is also how PyTorch exports them), the target scaler's inverse as
 * {@code Mul} and {@code Add} behind, and no dropout (inference). Parameters become initializers
 * named as nn4j names them ({@code layer0.weights}); the class names and scaler kinds go to the
 * metadata, so that {@link OnnxImporter} gives back the same model.
 *
 * <p>Stateless: any thread may call it; the model must not be training meanwhile.
 */
final class OnnxExporter {
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String BATCH = "N";
    static final String FEATURE_SCALER_KEY = "nn4j.feature_scaler";
    static final String TARGET_SCALER_KEY = "nn4j.target_scaler";
    static final String CLASS_KEY_PREFIX = "nn4j.class.";
    /** The largest file protobuf can hold, less a margin for everything but the weights. */
    private static final long MAX_WEIGHT_BYTES = Integer.MAX_VALUE - (1 << 20);

    private final List<OnnxProto.Node> nodes = new ArrayList<>();
    private final List<OnnxProto.Tensor> initializers = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String current = INPUT;
    private boolean geluConstants;

    private OnnxExporter() {
    }

    /**
     * The ONNX model of {@code model}.
     *
     * @param model the model, not training
     * @param file the file it is for, for messages
     * @param version the nn4j version, for the doc strings
     * @return the model's records
     * @throws IllegalArgumentException naming the layer when nn4j has no ONNX form for it, for a
     *                                  model without a dense layer, or when the weights pass
     *                                  ONNX's 2 GiB
     * @throws IllegalStateException naming the parameter and element when a weight is not finite
     */
    static OnnxProto.Model export(Sequential model, Path file, String version) {
        return new OnnxExporter().build(model, file, version);
    }

    private OnnxProto.Model build(Sequential model, Path file, String version) {
        Architecture architecture = model.architecture();
        List<OnnxProto.Tensor> weights = weights(model, file);
        Preprocessing preprocessing = architecture.preprocessing();
        metadata.put("nn4j.version", version);
        preprocessing.featureScaler().ifPresent(scaler -> {
            metadata.put(FEATURE_SCALER_KEY, scaler.kind().id());
            OnnxProto.Tensor center = vector("features.center", scaler.center());
            OnnxProto.Tensor scale = vector("features.scale", scaler.scale());
            node("features.sub", "Sub", "the feature scaler: minus the center", List.of(),
                    current, center.name());
            node("features.div", "Div", "the feature scaler: over the scale", List.of(),
                    current, scale.name());
        });
        int weightIndex = 0;
        for (int i = 0; i < architecture.layers().size(); i++) {
            LayerSpec spec = architecture.layers().get(i);
            if (spec instanceof DenseSpec dense) {
                OnnxProto.Tensor w = weights.get(weightIndex++);
                OnnxProto.Tensor b = weights.get(weightIndex++);
                initializers.add(w);
                initializers.add(b);
                String prefix = "layer" + i;
                node(prefix + ".gemm", "Gemm", "nn4j layer " + i + ": dense " + w.dims()[1]
                        + " -> " + w.dims()[0] + ", Z = X W^T + b",
                        List.of(OnnxProto.Attribute.ofInt("transB", 1)), current, w.name(),
                        b.name());
                activation(prefix, dense.activation());
            } else if (!(spec instanceof DropoutSpec)) {
                throw new IllegalArgumentException(file + ": layer " + i + " (" + spec + ") has "
                        + "no ONNX form; nothing was written");
            }
        }
        preprocessing.targetScaler().ifPresent(scaler -> {
            metadata.put(TARGET_SCALER_KEY, scaler.kind().id());
            OnnxProto.Tensor scale = vector("targets.scale", scaler.scale());
            OnnxProto.Tensor center = vector("targets.center", scaler.center());
            node("targets.mul", "Mul", "the target scaler's inverse: times the scale",
                    List.of(), current, scale.name());
            node("targets.add", "Add", "the target scaler's inverse: plus the center",
                    List.of(), current, center.name());
        });
        List<String> classes = preprocessing.classNames();
        for (int c = 0; c < classes.size(); c++) {
            metadata.put(CLASS_KEY_PREFIX + c, classes.get(c));
        }
        nameTheOutput();
        String description = "nn4j " + version + " Sequential: " + summary(architecture)
                + " (dropout left out: inference)";
        OnnxProto.Graph graph = new OnnxProto.Graph("nn4j_sequential", description, nodes,
                initializers, List.of(value(INPUT, architecture.inputSize())),
                List.of(value(OUTPUT, architecture.outputSize())), 0);
        return new OnnxProto.Model(OnnxModels.IR_VERSION, Map.of("", (long) OnnxModels.OPSET),
                "nn4j", version, "Exported by nn4j " + version + ": " + summary(architecture),
                graph, metadata);
    }

    /** The dense layers' weights and biases, copied to the host and checked to be finite. */
    private static List<OnnxProto.Tensor> weights(Sequential model, Path file) {
        Backend backend = model.backend();
        List<OnnxProto.Tensor> tensors = new ArrayList<>();
        long bytes = 0;
        for (Parameter parameter : model.parameters()) {
            bytes += parameter.value().shape().size() * (long) Float.BYTES;
            if (bytes > MAX_WEIGHT_BYTES) {
                throw new IllegalArgumentException(file + ": the weights take more than "
                        + MAX_WEIGHT_BYTES + " bytes; an ONNX file (protobuf) holds at most 2 GiB"
                        + " with its weights inside; nothing was written");
            }
        }
        for (Parameter parameter : model.parameters()) {
            float[] values = backend.toArray(parameter.value());
            int cols = parameter.value().shape().rank() == 2 ? parameter.value().shape().cols()
                    : values.length;
            for (int e = 0; e < values.length; e++) {
                if (!Float.isFinite(values[e])) {
                    throw new IllegalStateException(file + ": refusing to export: "
                            + parameter.name() + " element " + e + " (row " + e / cols + ", col "
                            + e % cols + ") is " + values[e] + "; the model has diverged or was "
                            + "fed non-finite data, and nothing was written");
                }
            }
            long[] dims = parameter.value().shape().rank() == 2
                    ? new long[] {parameter.value().shape().rows(), cols}
                    : new long[] {values.length};
            tensors.add(OnnxProto.Tensor.ofFloats(parameter.name(), dims, values));
        }
        return tensors;
    }

    private void activation(String prefix, Activation activation) {
        String doc = "nn4j " + prefix + ": " + activation.id();
        switch (activation) {
            case IDENTITY -> { }
            case SIGMOID -> node(prefix + ".sigmoid", "Sigmoid", doc, List.of(), current);
            case TANH -> node(prefix + ".tanh", "Tanh", doc, List.of(), current);
            case RELU -> node(prefix + ".relu", "Relu", doc, List.of(), current);
            case LEAKY_RELU -> node(prefix + ".leaky_relu", "LeakyRelu", doc,
                    List.of(OnnxProto.Attribute.ofFloat("alpha", Activation.LEAKY_RELU_SLOPE)),
                    current);
            case ELU -> node(prefix + ".elu", "Elu", doc,
                    List.of(OnnxProto.Attribute.ofFloat("alpha", 1f)), current);
            case SOFTPLUS -> node(prefix + ".softplus", "Softplus", doc, List.of(), current);
            case SOFTMAX -> node(prefix + ".softmax", "Softmax", doc,
                    List.of(OnnxProto.Attribute.ofInt("axis", -1)), current);
            case SILU -> {
                String z = current;
                node(prefix + ".silu.sigmoid", "Sigmoid", doc + ", z * sigmoid(z)", List.of(), z);
                node(prefix + ".silu.mul", "Mul", doc + ", z * sigmoid(z)", List.of(), z,
                        current);
            }
            case GELU -> gelu(prefix, doc + " (exact), z * (1 + erf(z / sqrt 2)) * 0.5");
            default -> throw new IllegalStateException("no ONNX form for " + activation);
        }
    }

    /** The exact GELU as PyTorch exports it: {@code z · (1 + erf(z / √2)) · 0.5}. */
    private void gelu(String prefix, String doc) {
        if (!geluConstants) {
            initializers.add(OnnxProto.Tensor.ofFloats("gelu.sqrt2", new long[0],
                    new float[] {(float) Math.sqrt(2)}));
            initializers.add(OnnxProto.Tensor.ofFloats("gelu.one", new long[0], new float[] {1f}));
            initializers.add(OnnxProto.Tensor.ofFloats("gelu.half", new long[0],
                    new float[] {0.5f}));
            geluConstants = true;
        }
        String z = current;
        node(prefix + ".gelu.div", "Div", doc, List.of(), z, "gelu.sqrt2");
        node(prefix + ".gelu.erf", "Erf", doc, List.of(), current);
        node(prefix + ".gelu.add", "Add", doc, List.of(), current, "gelu.one");
        node(prefix + ".gelu.mul", "Mul", doc, List.of(), z, current);
        node(prefix + ".gelu.half", "Mul", doc, List.of(), current, "gelu.half");
    }

    /** Adds a node reading {@code inputs} and writing one new tensor, which becomes current. */
    private void node(String name, String op, String doc, List<OnnxProto.Attribute> attributes,
                      String... inputs) {
        current = name + ".out";
        nodes.add(new OnnxProto.Node(name, op, "", List.of(inputs), List.of(current), attributes,
                doc));
    }

    /** The last node writes the graph's output; a model of one identity layer has a Gemm. */
    private void nameTheOutput() {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a model without a dense layer computes nothing "
                    + "to export; nothing was written");
        }
        OnnxProto.Node last = nodes.remove(nodes.size() - 1);
        nodes.add(new OnnxProto.Node(last.name(), last.opType(), last.domain(), last.inputs(),
                List.of(OUTPUT), last.attributes(), last.docString()));
    }

    private OnnxProto.Tensor vector(String name, float[] values) {
        OnnxProto.Tensor tensor = OnnxProto.Tensor.ofFloats(name, new long[] {values.length},
                values);
        initializers.add(tensor);
        return tensor;
    }

    private static OnnxProto.ValueInfo value(String name, int width) {
        return new OnnxProto.ValueInfo(name, OnnxSchema.FLOAT,
                List.of(new OnnxProto.Dim(-1, BATCH), new OnnxProto.Dim(width, "")));
    }

    /** E.g. {@code 784 -> dense 128 relu -> dense 10 softmax}. */
    static String summary(Architecture architecture) {
        StringBuilder s = new StringBuilder().append(architecture.inputSize());
        for (LayerSpec spec : architecture.layers()) {
            if (spec instanceof DenseSpec dense) {
                s.append(" -> dense ").append(dense.units()).append(' ')
                        .append(dense.activation().id());
            } else if (spec instanceof DropoutSpec dropout) {
                s.append(" -> dropout ").append(dropout.rate());
            }
        }
        Preprocessing preprocessing = architecture.preprocessing();
        preprocessing.featureScaler().map(Scaler::toString)
                .ifPresent(scaler -> s.insert(0, "feature scaler (" + scaler + ") -> "));
        preprocessing.targetScaler().map(Scaler::toString)
                .ifPresent(scaler -> s.append(" -> target scaler (").append(scaler).append(")^-1"));
        return s.toString();
    }
}
