package io.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.nn.DenseSpec;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad files and graphs nn4j cannot express: a format exception naming the file for bytes that
 * are not an ONNX model, a refusal naming the node and its operator for a valid model that is
 * not a chain of dense layers; nothing leaks either way.
 */
class OnnxLoaderTest {
    @TempDir
    Path dir;
    private Backend backend;
    private long live;

    @BeforeEach
    void open() {
        backend = Fixtures.open("cpu");
        live = backend.memory().liveTensors();
    }

    @AfterEach
    void close() {
        assertEquals(live, backend.memory().liveTensors(), "tensors leaked");
        backend.close();
    }

    /** The records of an exported 3-4-2 model (relu, softmax). */
    private OnnxProto.Model exported() {
        try (Sequential model = Sequential.builder(3).dense(4, Activation.RELU)
                .dense(2, Activation.SOFTMAX).build(backend, 7)) {
            return OnnxExporter.export(model, dir.resolve("x.onnx"), "test");
        }
    }

    private Path write(String name, OnnxProto.Model model) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, OnnxWriter.write(model));
        return file;
    }

    /** {@code model} with node {@code index} replaced. */
    private static OnnxProto.Model withNode(OnnxProto.Model model, int index,
                                            UnaryOperator<OnnxProto.Node> change) {
        List<OnnxProto.Node> nodes = new ArrayList<>(model.graph().nodes());
        nodes.set(index, change.apply(nodes.get(index)));
        return withGraph(model, nodes, model.graph().initializers(), model.graph().inputs());
    }

    /** {@code model} with its graph's nodes, initializers and inputs replaced. */
    private static OnnxProto.Model withGraph(OnnxProto.Model model, List<OnnxProto.Node> nodes,
                                             List<OnnxProto.Tensor> initializers,
                                             List<OnnxProto.ValueInfo> inputs) {
        OnnxProto.Graph g = model.graph();
        return withGraph(model, new OnnxProto.Graph(g.name(), g.docString(), nodes, initializers,
                inputs, g.outputs(), 0));
    }

    private static OnnxProto.Model withGraph(OnnxProto.Model model, OnnxProto.Graph graph) {
        return new OnnxProto.Model(model.irVersion(), model.opsets(), model.producerName(),
                model.producerVersion(), model.docString(), graph, model.metadata());
    }

    private static OnnxProto.Node op(OnnxProto.Node node, String op,
                                     List<OnnxProto.Attribute> attributes) {
        return new OnnxProto.Node(node.name(), op, node.domain(), node.inputs(), node.outputs(),
                attributes, node.docString());
    }

    private UnsupportedOnnxModelException refused(Path file) {
        UnsupportedOnnxModelException e = assertThrows(UnsupportedOnnxModelException.class,
                () -> OnnxModels.load(file, backend).close());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e;
    }

    private OnnxFormatException malformed(Path file) {
        OnnxFormatException e = assertThrows(OnnxFormatException.class,
                () -> OnnxModels.load(file, backend).close());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e;
    }

    @Test
    void anotherOperatorIsRefusedNamingTheNodeAndOperator() throws IOException {
        Path file = write("conv.onnx", withNode(exported(), 1, n -> op(n, "Conv", List.of())));
        UnsupportedOnnxModelException e = refused(file);
        assertEquals("layer0.relu", e.node());
        assertEquals("Conv", e.operator());
        assertTrue(e.getMessage().contains("node 'layer0.relu' (Conv): operator Conv is not "
                + "supported here; expected Gemm, or MatMul (then Add)"), e.getMessage());
    }

    @Test
    void anActivationWithOtherParametersIsRefused() throws IOException {
        Path file = write("leaky.onnx", withNode(exported(), 1, n -> op(n, "LeakyRelu",
                List.of(OnnxProto.Attribute.ofFloat("alpha", 0.2f)))));
        UnsupportedOnnxModelException e = refused(file);
        assertEquals("LeakyRelu", e.operator());
        assertTrue(e.getMessage().contains("alpha 0.2; nn4j's leaky ReLU has slope 0.01"),
                e.getMessage());
        Path softmax = write("softmax.onnx", withNode(exported(), 3, n -> op(n, "Softmax",
                List.of(OnnxProto.Attribute.ofInt("axis", 0)))));
        assertTrue(refused(softmax).getMessage().contains("(Softmax): axis 0; expected 1 or -1"));
    }

    @Test
    void aSecondInputANonFloatInputAndAnOldOpsetAreRefused() throws IOException {
        OnnxProto.Model model = exported();
        OnnxProto.Graph g = model.graph();
        List<OnnxProto.ValueInfo> inputs = new ArrayList<>(g.inputs());
        inputs.add(new OnnxProto.ValueInfo("mask", OnnxSchema.FLOAT, g.inputs().get(0).dims()));
        Path two = write("two.onnx", withGraph(model, g.nodes(), g.initializers(), inputs));
        assertTrue(refused(two).getMessage().contains(": graph: 2 inputs [input, mask]"));

        OnnxProto.ValueInfo longs = new OnnxProto.ValueInfo("input", 7, g.inputs().get(0).dims());
        Path int64 = write("int64.onnx",
                withGraph(model, g.nodes(), g.initializers(), List.of(longs)));
        assertTrue(refused(int64).getMessage().contains("input 'input' is of type INT64; "
                + "expected FLOAT"));

        Path old = write("old.onnx", new OnnxProto.Model(model.irVersion(), Map.of("", 5L),
                "", "", "", g, Map.of()));
        assertTrue(refused(old).getMessage().contains("imports opset 5; expected opset 7 to 23"));
    }

    @Test
    void weightsOfAnotherTypeAreRefusedNamingTheNode() throws IOException {
        OnnxProto.Model model = exported();
        OnnxProto.Graph g = model.graph();
        List<OnnxProto.Tensor> initializers = new ArrayList<>(g.initializers());
        OnnxProto.Tensor w = initializers.get(0);
        initializers.set(0, new OnnxProto.Tensor(w.name(), w.dims(), 11, null, false));
        Path file = dir.resolve("double.onnx");
        // The writer writes float values only: a DOUBLE tensor's data is spliced in as raw bytes.
        Files.write(file, OnnxWriter.write(
                withGraph(model, g.nodes(), swapType(initializers), g.inputs())));
        UnsupportedOnnxModelException e = refused(file);
        assertEquals("Gemm", e.operator());
        assertTrue(e.getMessage().contains("weights 'layer0.weights' is of type DOUBLE; "
                + "expected FLOAT"), e.getMessage());
    }

    /** Tensors of another type, written with (meaningless) float data of the same length. */
    private static List<OnnxProto.Tensor> swapType(List<OnnxProto.Tensor> tensors) {
        return tensors.stream().map(t -> t.values() != null ? t : new OnnxProto.Tensor(
                t.name(), t.dims(), t.dataType(), new float[(int) Arrays.stream(t.dims())
                .reduce(1, (a, b) -> a * b)], false)).toList();
    }

    @Test
    void aBranchIsRefusedNamingANode() throws IOException {
        OnnxProto.Model model = exported();
        List<OnnxProto.Node> nodes = new ArrayList<>(model.graph().nodes());
        OnnxProto.Node relu = nodes.get(1);
        nodes.add(2, new OnnxProto.Node("extra", "Tanh", "", relu.inputs(), List.of("t"),
                List.of(), ""));
        Path file = write("branch.onnx", withGraph(model, nodes, model.graph().initializers(),
                model.graph().inputs()));
        UnsupportedOnnxModelException e = refused(file);
        assertTrue(e.getMessage().contains("is read by Relu and Tanh ('extra')"),
                e.getMessage());
    }

    @Test
    void aTensorWhoseDataDoesNotFillItsShapeIsMalformed() throws IOException {
        OnnxProto.Model model = exported();
        OnnxProto.Graph g = model.graph();
        List<OnnxProto.Tensor> initializers = new ArrayList<>(g.initializers());
        OnnxProto.Tensor w = initializers.get(0);
        initializers.set(0, new OnnxProto.Tensor(w.name(), new long[] {4, 30}, w.dataType(),
                w.values(), false));
        Path file = write("short.onnx", withGraph(model, g.nodes(), initializers, g.inputs()));
        assertTrue(malformed(file).getMessage().contains("tensor 'layer0.weights' of shape "
                + "[4, 30] needs 120 floats; its raw_data holds 48 bytes"));
    }

    @Test
    void truncatedEmptyAndForeignFilesAreMalformed() throws IOException {
        byte[] bytes = OnnxWriter.write(exported());
        for (int cut : new int[] {1, bytes.length / 3, bytes.length / 2, bytes.length - 1}) {
            Path file = dir.resolve("cut" + cut + ".onnx");
            Files.write(file, Arrays.copyOf(bytes, cut));
            malformed(file);
        }
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertTrue(malformed(empty).getMessage().contains("holds no graph"));
        Path text = Files.writeString(dir.resolve("text.onnx"), "not a model at all\n");
        assertTrue(malformed(text).getMessage().contains("not a readable ONNX model"));
        Path folder = Files.createDirectory(dir.resolve("folder.onnx"));
        assertTrue(malformed(folder).getMessage().contains("is a directory"));
        assertThrows(NoSuchFileException.class,
                () -> OnnxModels.load(dir.resolve("missing.onnx"), backend));
    }

    @Test
    void theGeluOperatorOfOpset20ReadsAsTheExactGelu() throws IOException {
        OnnxProto.Model model;
        try (Sequential source = Sequential.builder(3).dense(4, Activation.GELU)
                .dense(2, Activation.IDENTITY).build(backend, 8)) {
            model = OnnxExporter.export(source, dir.resolve("x.onnx"), "test");
            List<OnnxProto.Node> nodes = new ArrayList<>(model.graph().nodes());
            assertEquals(List.of("Gemm", "Div", "Erf", "Add", "Mul", "Mul", "Gemm"),
                    nodes.stream().map(OnnxProto.Node::opType).toList());
            OnnxProto.Node half = nodes.get(5);
            nodes.subList(1, 6).clear();
            nodes.add(1, new OnnxProto.Node("gelu", "Gelu", "", List.of(nodes.get(0).outputs()
                    .get(0)), half.outputs(), List.of(), ""));
            Path file = write("gelu20.onnx", new OnnxProto.Model(model.irVersion(),
                    Map.of("", 20L), "", "", "", new OnnxProto.Graph("g", "", nodes,
                    model.graph().initializers(), model.graph().inputs(),
                    model.graph().outputs(), 0), Map.of()));
            float[] input = {0.5f, -1, 2, -3, 0, 1};
            try (Sequential loaded = OnnxModels.load(file, backend)) {
                assertEquals(List.of(Activation.GELU, Activation.IDENTITY),
                        loaded.architecture().layers().stream()
                                .map(l -> ((DenseSpec) l).activation()).toList());
                assertArrayEquals(source.predict(input, 2), loaded.predict(input, 2));
            }
        }
    }

    @Test
    void aLoadedFileOfOurOwnSurvivesTheWriterAndReader() throws IOException {
        Path file = write("ok.onnx", exported());
        try (Sequential model = OnnxModels.load(file, backend)) {
            assertEquals(3, model.inputSize());
            assertEquals(2, model.outputSize());
        }
    }
}
