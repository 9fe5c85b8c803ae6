package io.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.nn.DenseSpec;
import io.nn4j.api.nn.LayerSpec;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Scaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model exported and loaded again is the same model: its dense layers, activations, scalers
 * and class names, its weights bit for bit, and its predictions, on cpu and opencl. Exporting is
 * atomic: a model that cannot be written leaves the previous file as it was.
 */
class OnnxRoundTripTest {
    @TempDir
    Path dir;

    /** Every activation once, dropout, both scalers and class names. */
    static Sequential everything(Backend backend) {
        Sequential.Builder builder = Sequential.builder(6).featureScaler(Scaler.of(
                Scaler.Kind.MIN_MAX, new float[] {1, 2, 3, 4, 5, 6},
                new float[] {0.5f, 1, 2, 3, 4, 5}));
        for (Activation activation : Activation.values()) {
            builder.dense(9, activation).dropout(0.1f);
        }
        return builder.dense(3, Activation.IDENTITY)
                .targetScaler(Scaler.of(Scaler.Kind.STANDARD, new float[] {1, -1, 0},
                        new float[] {2, 3, 4}))
                .classNames(List.of("a", "b", "c")).build(backend, 31);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"cpu", "opencl"})
    void aModelComesBackTheSame(String backendName) throws IOException {
        Path file = dir.resolve("everything.onnx");
        float[] input = OnnxRuntimeTest.gaussian(5 * 6, 4, 3);
        try (Backend backend = Fixtures.open(backendName);
             Sequential model = everything(backend)) {
            OnnxModels.export(model, file);
            try (Sequential loaded = OnnxModels.load(file, backend)) {
                List<LayerSpec> dense = model.architecture().layers().stream()
                        .filter(l -> l instanceof DenseSpec).toList();
                assertEquals(dense.size(), loaded.architecture().layers().size());
                for (int i = 0; i < dense.size(); i++) {
                    DenseSpec expected = (DenseSpec) dense.get(i);
                    DenseSpec actual = (DenseSpec) loaded.architecture().layers().get(i);
                    assertEquals(expected.units(), actual.units(), "layer " + i);
                    assertEquals(expected.activation(), actual.activation(), "layer " + i);
                }
                assertEquals(model.preprocessing(), loaded.preprocessing());
                for (int i = 0; i < model.parameters().size(); i++) {
                    assertArrayEquals(backend.toArray(model.parameters().get(i).value()),
                            backend.toArray(loaded.parameters().get(i).value()),
                            model.parameters().get(i).name());
                }
                assertArrayEquals(model.predict(input, 5), loaded.predict(input, 5));
            }
        }
    }

    @Test
    void theGraphNamesNn4jAndItsOpset() throws IOException {
        try (Backend backend = Fixtures.open("cpu");
             Sequential model = Sequential.builder(4).dense(3, Activation.GELU)
                     .dense(2, Activation.SOFTMAX).build(backend, 1)) {
            Path file = dir.resolve("m.onnx");
            OnnxModels.export(model, file);
            OnnxProto.Model read = OnnxReader.read(file, Files.readAllBytes(file));
            assertEquals("nn4j", read.producerName());
            assertEquals(OnnxModels.version(), read.producerVersion());
            assertTrue(read.docString().startsWith("Exported by nn4j " + OnnxModels.version()
                    + ": 4 -> dense 3 gelu -> dense 2 softmax"), read.docString());
            assertEquals(java.util.Map.of("", (long) OnnxModels.OPSET), read.opsets());
            assertEquals(List.of("Gemm", "Div", "Erf", "Add", "Mul", "Mul", "Gemm", "Softmax"),
                    read.graph().nodes().stream().map(OnnxProto.Node::opType).toList());
            assertEquals(List.of(new OnnxProto.Dim(-1, "N"), new OnnxProto.Dim(4, "")),
                    read.graph().inputs().get(0).dims());
        }
    }

    @Test
    void aModelWithANonFiniteWeightIsNotExportedAndTheOldFileStays() throws IOException {
        Path file = dir.resolve("m.onnx");
        Files.writeString(file, "the previous file");
        try (Backend backend = Fixtures.open("cpu");
             Sequential model = Sequential.builder(2).dense(2, Activation.RELU)
                     .build(backend, 1)) {
            float[] weights = backend.toArray(model.parameters().get(0).value());
            weights[3] = Float.NaN;
            backend.copyIn(weights, 0, model.parameters().get(0).value());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> OnnxModels.export(model, file));
            assertTrue(e.getMessage().contains("layer0.weights element 3 (row 1, col 1) is NaN"),
                    e.getMessage());
        }
        assertEquals("the previous file", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void exportingOverADirectoryIsRefusedByName() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.onnx"));
        try (Backend backend = Fixtures.open("cpu");
             Sequential model = Sequential.builder(2).dense(1, Activation.SIGMOID)
                     .build(backend, 1)) {
            IOException e = assertThrows(IOException.class,
                    () -> OnnxModels.export(model, folder));
            assertTrue(e.getMessage().contains(folder + " is a directory"), e.getMessage());
        }
    }
}
