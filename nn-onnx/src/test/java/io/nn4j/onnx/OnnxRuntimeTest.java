package io.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Scaler;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every exported model runs in ONNX Runtime (its Java API, CPU) and gives nn4j's outputs within
 * {@link Agreement#RELATIVE}: for every activation a deep network (6 hidden layers) and a wide
 * one (1,024 units), and a model with scalers, dropout and class names. The worst difference of
 * each goes to {@code target/onnx-agreement.txt}.
 */
class OnnxRuntimeTest {
    private static Backend backend;
    private static OrtEnvironment environment;
    @TempDir
    static Path dir;

    @BeforeAll
    static void open() {
        backend = Fixtures.open("cpu");
        environment = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    /** Runs {@code file} in ONNX Runtime on {@code rows} rows of {@code input}. */
    static float[] run(Path file, float[] input, int rows, int columns) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = environment.createSession(file.toString(), options);
             OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input),
                     new long[] {rows, columns});
             OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, tensor))) {
            FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[output.remaining()];
            output.get(values);
            return values;
        }
    }

    static float[] gaussian(int count, long seed, double scale) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private void compare(Sequential model, String name)
            throws IOException, OrtException {
        Path file = dir.resolve(name + ".onnx");
        OnnxModels.export(model, file);
        int rows = 64;
        float[] input = gaussian(rows * model.inputSize(), 11, 2);
        float[] nn4j = model.predict(input, rows);
        float[] ort = run(file, input, rows, model.inputSize());
        Agreement.assertClose(nn4j, ort, model.outputSize(),
                name + ": ONNX Runtime against nn4j");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void aDeepNetworkRunsAsInNn4j(Activation activation)
            throws IOException, OrtException {
        Sequential.Builder builder = Sequential.builder(12);
        for (int i = 0; i < 6; i++) {
            builder.dense(32, activation);
        }
        try (Sequential model = builder.dense(5, activation).build(backend, 21)) {
            compare(model, "deep-" + activation.id());
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void aWideNetworkRunsAsInNn4j(Activation activation)
            throws IOException, OrtException {
        try (Sequential model = Sequential.builder(40).dense(1024, activation)
                .dense(6, activation).build(backend, 22)) {
            compare(model, "wide-" + activation.id());
        }
    }

    @Test
    void scalersDropoutAndClassNamesRunAsInNn4j()
            throws IOException, OrtException {
        float[] centers = gaussian(7, 1, 3);
        float[] scales = gaussian(7, 2, 1);
        for (int i = 0; i < scales.length; i++) {
            scales[i] = Math.abs(scales[i]) + 0.5f;
        }
        try (Sequential model = Sequential.builder(7).featureScaler(Scaler.of(
                        Scaler.Kind.STANDARD, centers, scales))
                .dense(16, Activation.RELU).dropout(0.3f).dense(2, Activation.IDENTITY)
                .targetScaler(Scaler.of(Scaler.Kind.MIN_MAX, new float[] {10, -3},
                        new float[] {4, 0.25f}))
                .build(backend, 23)) {
            compare(model, "scaled");
            try (OrtSession session = environment.createSession(
                    dir.resolve("scaled.onnx").toString(), new OrtSession.SessionOptions())) {
                assertEquals("nn4j", session.getMetadata().getProducerName());
                assertTrue(session.getMetadata().getDescription().contains(
                        "feature scaler (standard"), session.getMetadata().getDescription());
                assertEquals("minmax", session.getMetadata().getCustomMetadata()
                        .get(OnnxExporter.TARGET_SCALER_KEY));
                assertEquals(List.of(OnnxExporter.INPUT), List.copyOf(session.getInputNames()));
            }
        }
    }
}
