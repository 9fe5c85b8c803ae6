package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Scaler;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.testkit.RawUnits;
import io.nn4j.api.testkit.Tolerances;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Split;
import io.nn4j.api.train.Trainer;
import io.nn4j.backend.cpu.CpuBackendProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on raw values with stored scalers predicts the same, from the same raw
 * values, after it is saved on one backend and loaded on the other: trained on cpu and loaded
 * on opencl, and the other way round.
 */
class OpenClScaledModelTest {
    @RegisterExtension
    static final OpenClBackendPerClass OPENCL = new OpenClBackendPerClass();

    @TempDir
    Path dir;
    private Backend cpu;

    @BeforeEach
    void openCpu() {
        cpu = new CpuBackendProvider().create(BackendOptions.of(Map.of()));
    }

    @AfterEach
    void closeCpu() {
        cpu.close();
    }

    /** Trains on {@code from} with scalers fitted on the training rows, and saves the model. */
    private Path trainAndSave(Backend from, Scaler.Kind kind, Split split) throws IOException {
        Path file = dir.resolve("scaled-" + from.name() + ".nn4j");
        try (Sequential model = Sequential.builder(2).dense(16, Activation.TANH)
                .dense(1, Activation.IDENTITY)
                .featureScaler(split.train().fitFeatureScaler(kind))
                .targetScaler(split.train().fitTargetScaler(Scaler.Kind.STANDARD))
                .build(from, 8)) {
            Trainer.builder().loss(Loss.MEAN_SQUARED_ERROR).optimizer(new Adam(0.01f))
                    .batchSize(16).epochs(5).seed(3).build().fit(model, split.train());
            ModelFile.save(model, file);
        }
        return file;
    }

    private void assertSamePredictions(Path file, Backend one, Backend other, float[][] raw)
            throws IOException {
        try (Sequential a = ModelFile.load(file, one); Sequential b = ModelFile.load(file, other)) {
            assertEquals(a.preprocessing(), b.preprocessing());
            assertTrue(a.preprocessing().featureScaler().isPresent());
            float[][] expected = a.predict(raw);
            float[][] actual = b.predict(raw);
            for (int r = 0; r < raw.length; r++) {
                double difference = Math.abs(expected[r][0] - actual[r][0])
                        / Math.max(1, Math.abs(expected[r][0]));
                assertTrue(difference <= Tolerances.ELEMENTWISE, "row " + r + ": "
                        + one.name() + " " + expected[r][0] + ", " + other.name() + " "
                        + actual[r][0]);
                assertTrue(expected[r][0] > 100, "a prediction in the targets' units, row " + r);
            }
        }
    }

    @Test
    void trainedOnCpuItPredictsTheSameOnOpenCl() throws IOException {
        Split split = Split.random(RawUnits.regression(1, 400), 2, 0.25);
        Path file = trainAndSave(cpu, Scaler.Kind.STANDARD, split);
        assertSamePredictions(file, cpu, OPENCL.backend(),
                Arrays.copyOf(RawUnits.featureRows(split.test()), 100));
    }

    @Test
    void trainedOnOpenClItPredictsTheSameOnCpu() throws IOException {
        Split split = Split.random(RawUnits.regression(2, 400), 3, 0.25);
        Path file = trainAndSave(OPENCL.backend(), Scaler.Kind.MIN_MAX, split);
        assertSamePredictions(file, OPENCL.backend(), cpu,
                Arrays.copyOf(RawUnits.featureRows(split.test()), 100));
    }

    @Test
    void classNamesTravelToTheOtherBackend() throws IOException {
        Path file = dir.resolve("classifier.nn4j");
        try (Sequential model = Sequential.builder(2).dense(3, Activation.SOFTMAX)
                .classNames(List.of("setosa", "versicolor", "virginica")).build(cpu, 1)) {
            ModelFile.save(model, file);
        }
        try (Sequential loaded = ModelFile.load(file, OPENCL.backend())) {
            assertEquals(List.of("setosa", "versicolor", "virginica"), loaded.classNames());
        }
    }
}
