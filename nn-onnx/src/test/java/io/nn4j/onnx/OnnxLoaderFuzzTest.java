package io.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz test of the ONNX loader: any bytes either load as a model that predicts, or are refused
 * with an {@link OnnxFormatException} (an {@link UnsupportedOnnxModelException} among them)
 * naming the file; never another exception, an OutOfMemoryError or a hang, and never a leaked
 * tensor. The test command replays the committed corpus
 * ({@code src/test/resources/io/nn4j/onnx/OnnxLoaderFuzzTestInputs/load/}: models nn4j exported,
 * PyTorch's, cut and unsupported ones); {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class OnnxLoaderFuzzTest {
    private static Backend backend;
    @TempDir
    static Path dir;

    @BeforeAll
    static void open() {
        backend = Backends.load("cpu");
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @FuzzTest(maxDuration = "60s")
    void load(byte[] input) throws IOException {
        Path file = Files.write(dir.resolve("input.onnx"), input);
        long live = backend.memory().liveTensors();
        try (Sequential model = OnnxModels.load(file, backend)) {
            float[] output = model.predict(new float[model.inputSize()], 1);
            assertEquals(model.outputSize(), output.length);
        } catch (OnnxFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }
        assertEquals(live, backend.memory().liveTensors(), "tensors leaked");
    }
}
