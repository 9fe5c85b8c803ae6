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
import io.nn4j.api.testkit.Tolerances;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Split;
import io.nn4j.api.train.Trainer;
import io.nn4j.backend.cpu.CpuBackendProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    /**
     * Two features on very different scales and a target in the thousands,
     * {@code y = 1000 + 40 x0 - 500 x1 + 3 x0 x1}.
     */
    private static Dataset regression(long seed, int rows) {
        Random random = new Random(seed);
        float[][] x = new float[rows][2];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            x[i][0] = 50 + 10 * (float) random.nextGaussian();
            x[i][1] = -3 + 0.5f * (float) random.nextGaussian();
            y[i] = 1000 + 40 * x[i][0] - 500 * x[i][1] + 3 * x[i][0] * x[i][1];
        }
        return Dataset.ofTargets(x, y);
    }

    private static float[][] featureRows(Dataset data, int rows) {
        float[] x = new float[data.size() * data.featureCount()];
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        data.gather(order, 0, data.size(), x, new float[data.size() * data.targetCount()]);
        float[][] result = new float[rows][data.featureCount()];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * data.featureCount(), result[r], 0, data.featureCount());
        }
        return result;
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
        Split split = Split.random(regression(1, 400), 2, 0.25);
        Path file = trainAndSave(cpu, Scaler.Kind.STANDARD, split);
        assertSamePredictions(file, cpu, OPENCL.backend(), featureRows(split.test(), 100));
    }

    @Test
    void trainedOnOpenClItPredictsTheSameOnCpu() throws IOException {
        Split split = Split.random(regression(2, 400), 3, 0.25);
        Path file = trainAndSave(OPENCL.backend(), Scaler.Kind.MIN_MAX, split);
        assertSamePredictions(file, OPENCL.backend(), cpu, featureRows(split.test(), 100));
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
