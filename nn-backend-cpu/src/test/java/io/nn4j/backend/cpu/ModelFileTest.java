package io.nn4j.backend.cpu;

import static io.nn4j.api.testkit.Allocations.allocatedBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Tensor;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.io.ModelFormatException;
import io.nn4j.api.nn.Sequential;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

    /** A sparse file of {@code size} bytes that starts with {@code magic}. */
    private Path sparseFile(String name, long size, int magic) throws IOException {
        Path sparse = dir.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(sparse.toFile(), "rw")) {
            out.writeInt(magic);
            out.writeInt(ModelFile.VERSION);
            out.setLength(size);
        }
        return sparse;
    }

    /** Loading {@code model} fails with a message that contains {@code expected}. */
    private ModelFormatException refused(Path model, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.load(model, backend));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    /**
     * Loading the sparse file {@code big} fails naming {@code expected}, with less than a MiB
     * allocated: the loader did not read the file into memory.
     */
    private void refusedCheaply(Path big, String expected) {
        long allocated = allocatedBytes(() -> refused(big, expected));
        assertTrue(allocated < (1 << 20), allocated + " bytes allocated to refuse " + big);
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
        ModelFormatException e = refused(file, "checksum mismatch");
        assertTrue(e.getMessage().startsWith(file + ": checksum mismatch"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 9));
        refused(file, "checksum mismatch");
        Files.write(file, Arrays.copyOf(bytes, 6));
        refused(file, "only 6 bytes");
    }

    @Test
    void anotherFileTypeIsNamedAsSuch() throws IOException {
        Files.writeString(file, "this is not a model, just text");
        refused(file, "not an nn4j model file");
    }

    @Test
    void aNewerFormatVersionIsRefusedWithBothVersions() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(4, ModelFile.VERSION + 1);
        Files.write(file, CraftedFiles.resigned(bytes));
        refused(file, "format version " + (ModelFile.VERSION + 1)
                + "; this library reads versions 1 to " + ModelFile.VERSION);
    }

    @Test
    void aDamagedVersionFieldIsReportedAsCorruptionNotAsANewerFormat() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[7] ^= 0x40;
        Files.write(file, bytes);
        ModelFormatException e = refused(file, "checksum mismatch");
        assertTrue(e.getMessage().startsWith(file + ": checksum mismatch"), e.getMessage());
    }

    @Test
    void theMagicIsCheckedBeforeAnythingBigIsRead() throws IOException {
        refusedCheaply(sparseFile("big.png", 1L << 30, 0x89504E47), "not an nn4j model file");
    }

    @Test
    void theChecksumIsStreamedThroughABoundedBuffer() throws IOException {
        refusedCheaply(sparseFile("big.nn4j", 256L << 20, ModelFile.MAGIC), "checksum mismatch");
    }

    @Test
    void aFileAboveTheLimitIsRefusedByItsSize() throws IOException {
        Path huge = sparseFile("huge.nn4j", 3L << 30, ModelFile.MAGIC);
        ModelFormatException e = refused(huge, " bytes is more than");
        assertTrue(e.getMessage().startsWith(huge + ": " + (3L << 30) + " bytes is more than"),
                e.getMessage());
    }

    @Test
    void aDirectoryWhereTheFileShouldBeIsNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.nn4j"));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.load(folder, backend));
        assertEquals(folder + ": is a directory; expected an nn4j model file", e.getMessage());
        IOException saved = assertThrows(IOException.class, () -> ModelFile.save(model, folder));
        assertTrue(saved.getMessage().startsWith(folder.toAbsolutePath() + " is a directory"),
                saved.getMessage());
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.nn4j");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ModelFile.load(missing, backend));
        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void aModelWithANonFiniteWeightIsNotSaved() throws IOException {
        byte[] before = Files.readAllBytes(file);
        Tensor weights = model.parameters().get(2).value();
        float[] values = backend.toArray(weights);
        values[5] = Float.NaN;
        backend.copyIn(values, 0, weights);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelFile.save(model, file));
        assertEquals(file + ": refusing to save: " + model.parameters().get(2).name()
                + " element 5 (row 1, col 1) is NaN; the model has diverged or was fed non-finite"
                + " data, and the file is left as it was", e.getMessage());
        values[5] = Float.NEGATIVE_INFINITY;
        backend.copyIn(values, 0, weights);
        e = assertThrows(IllegalStateException.class, () -> ModelFile.save(model, file));
        assertTrue(e.getMessage().contains("is -Infinity"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), Files.list(dir).toList());
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
