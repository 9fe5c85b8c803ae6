package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelTest {
    @TempDir
    Path dir;

    @Test
    void loadsAFittingClassifierAndRefusesOthersNamingBothShapes() throws IOException {
        Path file = dir.resolve("model.nn4j");
        try (Backend cpu = Backends.load("cpu")) {
            try (Sequential model = Sequential.builder(4).dense(3, Activation.RELU).dropout(0.5f)
                    .dense(2, Activation.SOFTMAX).build(cpu, 3)) {
                ModelFile.save(model, file);
                assertEquals("4 -> dense 3 relu -> dropout 0.5 -> dense 2 softmax",
                        SavedModel.describe(model.architecture()));
            }
            try (Sequential loaded = SavedModel.load(file, cpu, 4, 2)) {
                assertEquals(2, loaded.outputSize());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SavedModel.load(file, cpu, 784, 10));
            assertTrue(e.getMessage().contains("holds 4 -> dense 3 relu -> dropout 0.5 -> dense 2"
                    + " softmax; expected a classifier of 784 inputs and 10 outputs"),
                    e.getMessage());
            assertEquals(0, cpu.memory().liveTensors(), "a refused model must be closed");
        }
    }
}
