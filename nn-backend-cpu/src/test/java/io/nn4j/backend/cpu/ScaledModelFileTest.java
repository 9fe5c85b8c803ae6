package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.io.ModelFormatException;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Preprocessing;
import io.nn4j.api.preprocess.Scaler;
import io.nn4j.api.testkit.RawUnits;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of version 2 carry the model's scalers and class names, and checkpoints too;
 * version 1 files still load. (Crafted preprocessing sections: {@link CraftedModelFileTest}.)
 */
class ScaledModelFileTest extends FreshCpuBackend {
    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void nameTheFile() {
        file = dir.resolve("model.nn4j");
    }

    @Test
    void scalersAndClassNamesSurviveTheRoundTrip() throws IOException {
        Dataset data = RawUnits.regression(4, 50);
        float[][] raw = RawUnits.featureRows(data);
        try (Sequential regressor = ScaledModelTest.regressor()
                .featureScaler(data.fitFeatureScaler(Scaler.Kind.MIN_MAX))
                .targetScaler(data.fitTargetScaler(Scaler.Kind.STANDARD)).build(backend, 2);
             Sequential classifier = Sequential.builder(2).dense(3, Activation.SOFTMAX)
                     .featureScaler(data.fitFeatureScaler(Scaler.Kind.STANDARD))
                     .classNames(List.of("low", "mid", "high")).build(backend, 2)) {
            for (Sequential model : List.of(regressor, classifier)) {
                ModelFile.save(model, file);
                try (Sequential loaded = ModelFile.load(file, backend)) {
                    assertEquals(model.preprocessing(), loaded.preprocessing());
                    assertEquals(model.classNames(), loaded.classNames());
                    float[][] expected = model.predict(raw);
                    float[][] actual = loaded.predict(raw);
                    for (int r = 0; r < raw.length; r++) {
                        assertArrayEquals(expected[r], actual[r], "row " + r);
                    }
                }
            }
            assertEquals(List.of("low", "mid", "high"), classifier.classNames());
            assertEquals(List.of(), regressor.classNames());
        }
    }

    @Test
    void aVersion1FileStillLoads() throws IOException {
        try (Sequential model = Sequential.builder(2).dense(3, Activation.TANH)
                .dense(1, Activation.IDENTITY).build(backend, 5)) {
            ModelFile.save(model, file);
            byte[] version2 = Files.readAllBytes(file);
            int section = 8 + 4 + 4 + (1 + 4 + 2 + "tanh".length())
                    + (1 + 4 + 2 + "identity".length());
            assertArrayEquals(new byte[6], Arrays.copyOfRange(version2, section, section + 6),
                    "no scalers, no class names");
            Files.write(file, CraftedFiles.resigned(CraftedFiles.cut(version2, section, 6, 1)));
            try (Sequential loaded = ModelFile.load(file, backend)) {
                assertEquals(Preprocessing.NONE, loaded.preprocessing());
                float[][] rows = {{0.5f, -1}, {2, 3}};
                assertArrayEquals(model.predict(rows)[1], loaded.predict(rows)[1]);
            }
        }
    }

    @Test
    void aCheckpointRestoresOnlyIntoAModelWithTheSamePreprocessing() throws IOException {
        Dataset data = RawUnits.regression(6, 30);
        Dataset other = RawUnits.regression(7, 30);
        Path checkpoint = Checkpoint.fileFor(dir, 1);
        try (Sequential saved = ScaledModelTest.regressor()
                .featureScaler(data.fitFeatureScaler(Scaler.Kind.STANDARD)).build(backend, 1);
             Sequential same = ScaledModelTest.regressor()
                     .featureScaler(data.fitFeatureScaler(Scaler.Kind.STANDARD))
                     .build(backend, 2);
             Sequential different = ScaledModelTest.regressor()
                     .featureScaler(other.fitFeatureScaler(Scaler.Kind.STANDARD))
                     .build(backend, 2);
             Sgd sgd = new Sgd(0.1f)) {
            Checkpoint.write(checkpoint, List.of(), saved, 0, Map.of());
            Checkpoint.restore(checkpoint, same, Map.of());
            assertArrayEquals(backend.toArray(saved.parameters().get(0).value()),
                    backend.toArray(same.parameters().get(0).value()));
            float[] before = backend.toArray(different.parameters().get(0).value());
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> Checkpoint.restore(checkpoint, different, Map.of()));
            assertTrue(e.getMessage().contains("was written for a model with the preprocessing"),
                    e.getMessage());
            assertArrayEquals(before, backend.toArray(different.parameters().get(0).value()),
                    "nothing restored");
        }
    }
}
