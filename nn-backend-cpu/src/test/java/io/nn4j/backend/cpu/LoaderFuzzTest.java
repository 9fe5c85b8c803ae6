package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.io.ModelFormatException;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz tests of the model and checkpoint loaders: any bytes either load or are refused with a
 * {@link ModelFormatException} naming the file; never another exception, an OutOfMemoryError or a
 * hang, never a leaked tensor, and a refused checkpoint changes nothing. The test command replays
 * the committed corpus ({@code src/test/resources/.../LoaderFuzzTestInputs/<method>/});
 * {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 *
 * <p>An input's first byte picks the mode: odd means "fix the CRC-32 of the rest", so the fuzzer
 * reaches the parsers behind the checksum; even leaves the rest as it is.
 */
class LoaderFuzzTest {
    private static Backend backend;
    private static Path dir;

    @BeforeAll
    static void open() throws IOException {
        backend = Backends.load("cpu");
        dir = Files.createTempDirectory("nn4j-fuzz");
    }

    @AfterAll
    static void close() throws IOException {
        backend.close();
        Files.deleteIfExists(dir.resolve("input.nn4j"));
        Files.deleteIfExists(dir);
    }

    /** The network the checkpoint corpus was written for. */
    static Sequential checkpointNetwork(Backend backend) {
        return Sequential.builder(3).dense(4, Activation.RELU).dropout(0.25f)
                .dense(2, Activation.SOFTMAX).build(backend, 1);
    }

    private static Path write(byte[] input) throws IOException {
        Path file = dir.resolve("input.nn4j");
        byte[] rest = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        boolean resign = input.length > 0 && (input[0] & 1) == 1 && rest.length >= 4;
        Files.write(file, resign ? CraftedFiles.resigned(rest) : rest);
        return file;
    }

    @FuzzTest(maxDuration = "60s")
    void modelFile(byte[] input) throws IOException {
        Path file = write(input);
        long live = backend.memory().liveTensors();
        try (Sequential model = ModelFile.load(file, backend)) {
            assertEquals(model.architecture().outputSize(), model.outputSize());
        } catch (ModelFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }
        assertEquals(live, backend.memory().liveTensors(), "tensors leaked");
    }

    @FuzzTest(maxDuration = "60s")
    void checkpoint(byte[] input) throws IOException {
        Path file = write(input);
        try (Sequential model = checkpointNetwork(backend); Adam adam = new Adam(0.01f)) {
            List<float[]> before = new ArrayList<>();
            model.parameters().forEach(p -> before.add(backend.toArray(p.value())));
            try {
                Checkpoint.Restored restored = Checkpoint.restore(file, model,
                        adam.stateTensors(model.parameters()));
                assertEquals(restored.epoch(), restored.history().size());
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
                for (int i = 0; i < before.size(); i++) {
                    assertArrayEquals(before.get(i),
                            backend.toArray(model.parameters().get(i).value()),
                            "a refused checkpoint changed " + model.parameters().get(i).name());
                }
                assertEquals(0, adam.steps());
            }
        }
    }
}
