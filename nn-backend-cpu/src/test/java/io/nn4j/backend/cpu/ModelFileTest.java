package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.io.ModelFormatException;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files on the cpu backend: the round trip, and every way a file can be bad. */
class ModelFileTest {
    @TempDir
    Path dir;
    private Backend backend;
    private Sequential model;
    private Path file;

    @BeforeEach
    void saveAModel() throws IOException {
        backend = Backends.load("cpu");
        model = Sequential.builder(5).dense(4, Activation.TANH).dense(3, Activation.SOFTMAX)
                .build(backend, 3);
        file = dir.resolve("model.nn4j");
        ModelFile.save(model, file);
    }

    @AfterEach
    void close() {
        model.close();
        backend.close();
    }

    private float[] input() {
        Random random = new Random(9);
        float[] x = new float[7 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    @Test
    void roundTripPredictsBitForBitTheSame() throws IOException {
        try (Sequential loaded = ModelFile.load(file, backend)) {
            assertEquals(model.architecture().inputSize(), loaded.architecture().inputSize());
            assertEquals(model.toString(), loaded.toString());
            assertArrayEquals(model.predict(input(), 7), loaded.predict(input(), 7));
        }
        assertTrue(Files.list(dir).allMatch(p -> p.equals(file)), "no temporary file is left");
    }

    @Test
    void aFlippedByteFailsTheChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.load(file, backend));
        assertTrue(e.getMessage().startsWith(file + ": checksum mismatch"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 9));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.load(file, backend));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        Files.write(file, Arrays.copyOf(bytes, 6));
        e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file, backend));
        assertTrue(e.getMessage().contains("only 6 bytes"), e.getMessage());
    }

    @Test
    void anotherFileTypeIsNamedAsSuch() throws IOException {
        Files.writeString(file, "this is not a model, just text");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.load(file, backend));
        assertTrue(e.getMessage().contains("not an nn4j model file"), e.getMessage());
    }

    @Test
    void aNewerFormatVersionIsRefusedWithBothVersions() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(4, ModelFile.VERSION + 1);
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.load(file, backend));
        assertTrue(e.getMessage().contains("format version " + (ModelFile.VERSION + 1)
                + "; this library reads versions 1 to " + ModelFile.VERSION), e.getMessage());
    }

    @Test
    void failedLoadsLeaveNoTensorsBehind() throws IOException {
        long before = backend.memory().liveTensors();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertThrows(ModelFormatException.class, () -> ModelFile.load(file, backend));
        assertEquals(before, backend.memory().liveTensors());
    }
}
