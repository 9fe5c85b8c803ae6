package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Tensor;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.io.ModelFormatException;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints on the cpu backend: finding the latest, and restores that are all or nothing. */
class CheckpointTest extends FreshCpuBackend {
    private static final List<EpochStats> HISTORY = List.of(
            new EpochStats(1, 0.9, 0.8, 0.7, 1.5, 100, 0.85, 0.75, 0.01),
            new EpochStats(2, 0.5, 0.4, 0.8, 1.4, 110, 0.45, 0.78, 0.005));
    /** Bytes of one epoch's statistics in format version 3, and before it. */
    private static final int EPOCH_BYTES = 4 + 8 * 8;
    private static final int EPOCH_BYTES_V2 = 4 + 5 * 8;

    @TempDir
    Path dir;
    private Sequential saved;
    private Adam adam;
    private Path file;

    @BeforeEach
    void writeAnAdamCheckpoint() throws IOException {
        saved = network(3);
        adam = new Adam(0.01f);
        Random random = new Random(5);
        for (Tensor state : adam.stateTensors(saved.parameters()).values()) {
            float[] values = new float[state.shape().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat();
            }
            backend.copyIn(values, 0, state);
        }
        adam.restoreSteps(7);
        file = Checkpoint.fileFor(dir, 2);
        Checkpoint.write(file, HISTORY, saved,
                adam.steps(), adam.stateTensors(saved.parameters()));
    }

    @AfterEach
    void close() {
        adam.close();
        saved.close();
    }

    private Sequential network(long seed) {
        return Sequential.builder(4).dense(5, Activation.RELU).dense(3, Activation.SOFTMAX)
                .build(backend, seed);
    }

    private List<float[]> values(Sequential model, Optimizer optimizer) {
        List<float[]> values = weights(model);
        optimizer.stateTensors(model.parameters()).values()
                .forEach(t -> values.add(backend.toArray(t)));
        return values;
    }

    @Test
    void restoresWeightsStateStepsAndHistory() throws IOException {
        try (Sequential model = network(11); Adam restored = new Adam(0.01f)) {
            Checkpoint.Restored result = Checkpoint.restore(file, model,
                    restored.stateTensors(model.parameters()));
            assertEquals(2, result.epoch());
            assertEquals(HISTORY, result.history());
            assertEquals(7, result.optimizerSteps());
            assertSameBits(values(saved, adam), values(model, restored));
        }
    }

    /**
     * The version 3 file of {@link #network} as version 2 wrote it: each epoch without its
     * validation loss, validation accuracy and learning rate, and the model section without its
     * preprocessing (two scaler kinds 0, no class names).
     */
    private static byte[] asVersion2(byte[] version3) {
        ByteBuffer in = ByteBuffer.wrap(version3);
        int epochs = in.getInt(8);
        ByteBuffer out = ByteBuffer.allocate(version3.length - epochs * (EPOCH_BYTES
                - EPOCH_BYTES_V2));
        out.put(version3, 0, 12);
        for (int i = 0; i < epochs; i++) {
            out.put(version3, 12 + i * EPOCH_BYTES, EPOCH_BYTES_V2);
        }
        int rest = 12 + epochs * EPOCH_BYTES;
        out.put(version3, rest, version3.length - rest);
        byte[] shortEpochs = out.array();
        int section = 12 + epochs * EPOCH_BYTES_V2 + 4 + 4
                + (1 + 4 + 2 + "relu".length()) + (1 + 4 + 2 + "softmax".length());
        assertArrayEquals(new byte[6], Arrays.copyOfRange(shortEpochs, section, section + 6),
                "no scalers, no class names");
        return CraftedFiles.resigned(CraftedFiles.cut(shortEpochs, section, 6, 2));
    }

    @Test
    void aVersion2CheckpointRestoresWithoutTheValidationFigures() throws IOException {
        Files.write(file, asVersion2(Files.readAllBytes(file)));
        try (Sequential model = network(11); Adam restored = new Adam(0.01f)) {
            Checkpoint.Restored result = Checkpoint.restore(file, model,
                    restored.stateTensors(model.parameters()));
            assertEquals(2, result.epoch());
            for (int i = 0; i < HISTORY.size(); i++) {
                EpochStats expected = HISTORY.get(i);
                assertEquals(new EpochStats(expected.epoch(), expected.trainLoss(),
                        expected.testLoss(), expected.testAccuracy(), expected.trainSeconds(),
                        expected.examplesPerSecond()), result.history().get(i));
                assertTrue(Double.isNaN(result.history().get(i).validationLoss()));
            }
            assertEquals(7, result.optimizerSteps());
            assertSameBits(values(saved, adam), values(model, restored));
        }
    }

    @Test
    void aVersion1CheckpointStillRestores() throws IOException {
        byte[] version2 = asVersion2(Files.readAllBytes(file));
        assertEquals(0, ByteBuffer.wrap(version2).getInt(version2.length - 8),
                "a network without dropout ends its body with no mask stream");
        byte[] version1 = Arrays.copyOf(version2, version2.length - 4);
        ByteBuffer.wrap(version1).putInt(4, 1);
        Files.write(file, CraftedFiles.resigned(version1));
        try (Sequential model = network(11); Adam restored = new Adam(0.01f)) {
            Checkpoint.Restored result = Checkpoint.restore(file, model,
                    restored.stateTensors(model.parameters()));
            assertEquals(2, result.epoch());
            assertEquals(0.5, result.history().get(1).trainLoss());
            assertTrue(Double.isNaN(result.history().get(1).learningRate()));
            assertEquals(7, result.optimizerSteps());
            assertSameBits(values(saved, adam), values(model, restored));
        }
    }

    @Test
    void anAdamCheckpointRestoredIntoSgdChangesNothing() throws IOException {
        try (Sequential model = network(11); Sgd sgd = new Sgd(0.1f)) {
            List<float[]> before = values(model, sgd);
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> Checkpoint.restore(file, model,
                            sgd.stateTensors(model.parameters())));
            assertTrue(e.getMessage().startsWith(file + ": optimizer state (written by another "
                    + "optimizer?): 8 tensors; expected 0"), e.getMessage());
            assertSameBits(before, values(model, sgd));
        }
    }

    @Test
    void aCheckpointCutInsideTheOptimizerStateChangesNothing() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, CraftedFiles.resigned(Arrays.copyOf(bytes, bytes.length - 10)));
        try (Sequential model = network(11); Adam other = new Adam(0.01f)) {
            List<float[]> before = values(model, other);
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> Checkpoint.restore(file, model,
                            other.stateTensors(model.parameters())));
            assertTrue(e.getMessage().contains("ends early"), e.getMessage());
            assertSameBits(before, values(model, other));
        }
    }

    @Test
    void aHistoryLongerThanTheFileCanHoldIsRefused() throws IOException {
        Files.write(file, CraftedFiles.framed(Checkpoint.MAGIC, Checkpoint.VERSION, out -> {
            out.writeInt(Integer.MAX_VALUE);
            out.write(new byte[100]);
        }));
        try (Sequential model = network(11); Adam other = new Adam(0.01f)) {
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> Checkpoint.restore(file, model,
                            other.stateTensors(model.parameters())));
            assertTrue(e.getMessage().startsWith(file + ": says " + Integer.MAX_VALUE
                    + " epochs were done; expected 0 to 1"), e.getMessage());
        }
    }

    @Test
    void aNonFiniteOptimizerStateIsNotWritten() throws IOException {
        byte[] before = Files.readAllBytes(file);
        Tensor m = adam.stateTensors(saved.parameters()).values().iterator().next();
        float[] values = backend.toArray(m);
        values[0] = Float.POSITIVE_INFINITY;
        backend.copyIn(values, 0, m);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Checkpoint.write(file, HISTORY, saved,
                        adam.steps(), adam.stateTensors(saved.parameters())));
        assertTrue(e.getMessage().startsWith(file + ": refusing to save: layer0.weights.m element"
                + " 0 (row 0, col 0) is Infinity"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void latestSkipsNamesWhoseEpochIsNoInt() throws IOException {
        Files.createFile(dir.resolve("checkpoint-epoch-99999999999.nn4j"));
        Files.createDirectory(dir.resolve("checkpoint-epoch-0009.nn4j"));
        Files.createFile(dir.resolve("checkpoint-epoch-0001.nn4j"));
        assertEquals(Optional.of(file), Checkpoint.latest(dir));
    }
}
