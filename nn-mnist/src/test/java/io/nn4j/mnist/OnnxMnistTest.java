package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import io.nn4j.onnx.OnnxModels;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's model, 784-128-10 trained 5 epochs on the real MNIST files (SGD 0.1, batch 64,
 * seed 42), exported to ONNX: ONNX Runtime's outputs on the whole test set equal nn4j's within
 * 1e-5 relative to each element's scale ({@code docs/onnx.md}: the larger of the two values
 * and of the row's largest output), and the demo's {@code export} and {@code predict --onnx}
 * give what {@code predict --model} gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxMnistTest {
    private static final double RELATIVE = 1e-5;

    private MnistData data;
    private Path modelFile;
    private Path onnxFile;
    private float[] nn4j;

    /** The test images' pixels, row-major, as the model takes them. */
    private static float[] pixels(LabeledImages images) {
        float[] pixels = new float[images.size() * images.pixelsPerImage()];
        images.copyPixels(0, images.size(), pixels);
        return pixels;
    }

    @BeforeAll
    void trainAndExport(@TempDir Path dir) throws IOException {
        data = MnistTestData.load();
        modelFile = dir.resolve("mnist.nn4j");
        onnxFile = dir.resolve("mnist.onnx");
        LabeledImages test = data.test();
        try (Backend backend = Backends.load("cpu");
             Sequential model = Sequential.builder(784).dense(128, Activation.RELU)
                     .dense(10, Activation.SOFTMAX).build(backend, 42);
             Sgd sgd = new Sgd(0.1f)) {
            Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(sgd).batchSize(64)
                    .epochs(5).seed(42).build().fit(model, data.train().oneHot());
            ModelFile.save(model, modelFile);
            nn4j = model.predict(pixels(test), test.size());
        }
    }

    @Test
    void onnxRuntimeGivesNn4jsOutputsOnTheWholeTestSet() throws OrtException {
        String out = DemoRun.of("export", "--model", modelFile.toString(), "--onnx",
                onnxFile.toString(), "--backend", "cpu").succeeded();
        assertTrue(out.startsWith("wrote " + onnxFile + " (ONNX opset 17, "), out);
        LabeledImages test = data.test();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        float[] ort;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = environment.createSession(onnxFile.toString(), options);
             OnnxTensor input = OnnxTensor.createTensor(environment,
                     FloatBuffer.wrap(pixels(test)), new long[] {test.size(), 784});
             OrtSession.Result result = session.run(Map.of("input", input))) {
            FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
            ort = new float[buffer.remaining()];
            buffer.get(ort);
        }
        assertEquals(nn4j.length, ort.length);
        double worst = 0;
        int worstAt = 0;
        for (int i = 0; i < nn4j.length; i++) {
            double scale = Math.max(Math.abs(nn4j[i]), Math.abs(ort[i]));
            for (int j = i / 10 * 10; j < i / 10 * 10 + 10; j++) {
                scale = Math.max(scale, Math.abs(nn4j[j]));
            }
            double relative = Math.abs((double) nn4j[i] - ort[i]) / scale;
            if (relative > worst) {
                worst = relative;
                worstAt = i;
            }
        }
        assertTrue(worst <= RELATIVE, "relative difference " + worst + " at image "
                + worstAt / 10 + ", class " + worstAt % 10 + ": nn4j " + nn4j[worstAt]
                + ", ONNX Runtime " + ort[worstAt]);
    }

    @Test
    void predictOnnxPrintsWhatPredictModelPrints() throws IOException {
        DemoRun.of("export", "--model", modelFile.toString(), "--onnx", onnxFile.toString())
                .succeeded();
        String fromModel = DemoRun.of("predict", "--model", modelFile.toString(), "--index",
                "7", "--backend", "cpu", "--data-dir", MnistTestData.dir().toString())
                .succeeded();
        String fromOnnx = DemoRun.of("predict", "--onnx", onnxFile.toString(), "--index", "7",
                "--backend", "cpu", "--data-dir", MnistTestData.dir().toString())
                .succeeded();
        assertEquals(fromModel.replace(modelFile.toString(), "FILE"),
                fromOnnx.replace(onnxFile.toString(), "FILE"));
        try (Backend backend = Backends.load("cpu");
             Sequential loaded = OnnxModels.load(onnxFile, backend)) {
            assertArrayEquals(nn4j, loaded.predict(pixels(data.test()), data.test().size()),
                    "the ONNX file loaded back predicts as the model did");
        }
    }
}
