package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.metrics.ClassificationMetrics;
import io.nn4j.api.metrics.ConfusionMatrix;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.metrics.RegressionMetrics;
import io.nn4j.api.nn.ModelSummary;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.reference.ReferenceMetrics;
import io.nn4j.api.reference.ReferenceNetwork;
import io.nn4j.api.reference.ReferenceOps;
import io.nn4j.api.testkit.Blobs;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Evaluation;
import io.nn4j.api.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link Trainer#evaluate} on the cpu backend: regression metrics against the float64 reference
 * network, classification metrics against the model's own predicted classes and the accuracy
 * {@code fit} measures on the backend, and {@link Sequential#predictClasses} on crafted weights.
 */
class EvaluationTest extends FreshCpuBackend {
    /**
     * How far the regression metrics of the float32 model may be from those of its float64
     * copy, relative to the metric (absolute for R²): float32 rounding of a small network's
     * outputs is near 1e-7 of their size.
     */
    private static final double REGRESSION_TOLERANCE = 1e-5;
    private static final int FEATURES = 4;
    private static final int TARGETS = 2;

    /** Two targets of different offset and scale: {@code sin x0 + x1 x2} and {@code 10 + 3 x3}. */
    private static Dataset regressionData(float[] x, int rows) {
        float[] y = new float[rows * TARGETS];
        for (int r = 0; r < rows; r++) {
            int i = r * FEATURES;
            y[r * TARGETS] = (float) Math.sin(x[i]) + x[i + 1] * x[i + 2];
            y[r * TARGETS + 1] = 10 + 3 * x[i + 3];
        }
        return new Dataset(x, FEATURES, y, TARGETS);
    }

    private static float[] gaussian(int count, long seed) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void regressionMetricsEqualTheFloat64ReferenceAndThereIsNoAccuracy() {
        int testRows = 150;
        float[] testX = gaussian(testRows * FEATURES, 5);
        Dataset train = regressionData(gaussian(400 * FEATURES, 4), 400);
        Dataset test = regressionData(testX, testRows);
        try (Sequential model = Sequential.builder(FEATURES).dense(16, Activation.TANH)
                .dense(TARGETS, Activation.IDENTITY).build(backend, 3);
             Adam adam = new Adam(0.01f)) {
            List<EpochStats> history = Trainer.builder().loss(Loss.MEAN_SQUARED_ERROR)
                    .optimizer(adam).batchSize(32).epochs(20).seed(2).build()
                    .fit(model, train, test);
            for (EpochStats epoch : history) {
                assertTrue(Double.isNaN(epoch.testAccuracy()) && epoch.testLoss() > 0,
                        epoch.toString());
            }
            Evaluation evaluation = Trainer.evaluate(model, test, Loss.MEAN_SQUARED_ERROR, 64);
            assertTrue(Double.isNaN(evaluation.accuracy()));
            assertTrue(evaluation.classification().isEmpty());
            assertEquals(testRows, evaluation.examples());
            RegressionMetrics metrics = evaluation.regression().orElseThrow();

            double[] output = ReferenceNetwork.copyOf(model)
                    .forward(ReferenceOps.widen(testX), testRows).output();
            float[] y = new float[testRows * TARGETS];
            test.gather(identity(testRows), 0, testRows, new float[testRows * FEATURES], y);
            RegressionMetrics reference = ReferenceMetrics.regression(output,
                    ReferenceOps.widen(y), TARGETS);
            assertEquals(reference.mse(), metrics.mse(), REGRESSION_TOLERANCE * reference.mse());
            assertEquals(reference.rmse(), metrics.rmse(),
                    REGRESSION_TOLERANCE * reference.rmse());
            assertEquals(reference.mae(), metrics.mae(), REGRESSION_TOLERANCE * reference.mae());
            assertEquals(reference.r2(), metrics.r2(), REGRESSION_TOLERANCE);
            assertEquals(metrics.mse(), evaluation.loss(), REGRESSION_TOLERANCE * metrics.mse());
            assertTrue(metrics.r2() > 0.5 && metrics.r2() < 1, metrics.toString());
        }
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static List<EpochStats> fitTwoEpochs(Sequential model, Adam adam, Loss loss,
                                                 Dataset train, Dataset test) {
        return Trainer.builder().loss(loss).optimizer(adam).batchSize(32).epochs(2).seed(2)
                .build().fit(model, train, test);
    }

    @Test
    void classificationMetricsFollowThePredictedClassesAndFitsAccuracy() {
        Blobs train = Blobs.of(600, 12, 3, 1);
        Blobs test = Blobs.of(300, 12, 3, 1);
        try (Sequential model = Sequential.builder(12).dense(16, Activation.RELU)
                .dense(3, Activation.SOFTMAX).build(backend, 7);
             Adam adam = new Adam(0.01f)) {
            List<EpochStats> history = fitTwoEpochs(model, adam,
                    Loss.SPARSE_CATEGORICAL_CROSSENTROPY, train.sparse(), test.sparse());
            EpochStats last = history.get(history.size() - 1);
            Evaluation evaluation = Trainer.evaluate(model, test.sparse(),
                    Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 32, 2);
            assertEquals(last.testAccuracy(), evaluation.accuracy());
            assertEquals(last.testLoss(), evaluation.loss());
            assertTrue(evaluation.regression().isEmpty());
            ClassificationMetrics metrics = evaluation.classification().orElseThrow();
            int[] predicted = model.predictClasses(test.features(), test.labels().length);
            assertEquals(ConfusionMatrix.of(test.labels(), predicted, 3), metrics.confusion());
            assertEquals(evaluation.accuracy(), metrics.accuracy());
            assertEquals(2, metrics.topK());
            assertTrue(metrics.topKAccuracy() > metrics.accuracy()
                    && metrics.accuracy() > 0.8, metrics.toString());
            Evaluation oneHot = Trainer.evaluate(model, test.oneHot(),
                    Loss.CATEGORICAL_CROSSENTROPY, 32, 2);
            assertEquals(metrics, oneHot.classification().orElseThrow());
            assertEquals(1, Trainer.evaluate(model, test.sparse(),
                    Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 50).classification().orElseThrow()
                    .topKAccuracy()); // the default top-5 of three classes
            assertThrows(IllegalArgumentException.class, () -> Trainer.evaluate(model,
                    test.sparse(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 32, 0));
        }
    }

    @Test
    void aSingleSigmoidOutputIsJudgedAtOneHalf() {
        Blobs test = Blobs.of(200, 6, 2, 3);
        try (Sequential model = Sequential.builder(6).dense(8, Activation.TANH)
                .dense(1, Activation.SIGMOID).build(backend, 5);
             Adam adam = new Adam(0.01f)) {
            List<EpochStats> history = fitTwoEpochs(model, adam, Loss.BINARY_CROSSENTROPY,
                    Blobs.of(400, 6, 2, 3).binary(1), test.binary(1));
            Evaluation evaluation = Trainer.evaluate(model, test.binary(1),
                    Loss.BINARY_CROSSENTROPY, 32);
            ClassificationMetrics metrics = evaluation.classification().orElseThrow();
            assertEquals(2, metrics.classes());
            assertEquals(history.get(1).testAccuracy(), metrics.accuracy());
            assertEquals(ConfusionMatrix.of(test.labels(),
                    model.predictClasses(test.features(), 200), 2), metrics.confusion());
            assertEquals(1, metrics.topKAccuracy());
        }
    }

    @Test
    void predictClassesTakesTheLargestOutputOrTheSideOfOneHalf() {
        try (Sequential identity = Sequential.builder(3).dense(3, Activation.IDENTITY)
                .build(backend, 1);
             Sequential sigmoid = Sequential.builder(1).dense(1, Activation.SIGMOID)
                     .build(backend, 1)) {
            set(identity, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[3]);
            set(sigmoid, new float[] {1}, new float[1]);
            float[][] rows = {{1, 1, 0}, {0, 2, 2}, {-3, -2, -1}, {0.5f, 0.25f, 0.75f}};
            assertArrayEquals(new int[] {0, 1, 2, 2}, identity.predictClasses(rows));
            assertArrayEquals(new int[] {0, 1, 2, 2}, identity.predictClasses(
                    new float[] {1, 1, 0, 0, 2, 2, -3, -2, -1, 0.5f, 0.25f, 0.75f}, 4));
            // sigmoid(x) >= 0.5 exactly when x >= 0
            assertArrayEquals(new int[] {0, 1, 1, 0},
                    sigmoid.predictClasses(new float[][] {{-1}, {0}, {2}, {-0.01f}}));
            assertThrows(IllegalArgumentException.class,
                    () -> identity.predictClasses(new float[][] {{1, 2}}));
            assertEquals(ModelSummary.of(identity.architecture()).toString(),
                    identity.summary());
            assertTrue(identity.summary().contains("total params: 12 (48 B as float32)"),
                    identity.summary());
        }
    }

    private void set(Sequential model, float[] weights, float[] bias) {
        List<Parameter> parameters = model.parameters();
        backend.copyIn(weights, 0, parameters.get(0).value());
        backend.copyIn(bias, 0, parameters.get(1).value());
    }

    @Test
    void threadsEvaluatingAtOnceGetTheSingleThreadedResult() throws Exception {
        Blobs test = Blobs.of(500, 12, 3, 2);
        try (Sequential model = Sequential.builder(12).dense(16, Activation.RELU)
                .dense(3, Activation.SOFTMAX).build(backend, 7)) {
            Evaluation alone = Trainer.evaluate(model, test.sparse(),
                    Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 64);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Evaluation>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int batch = 16 + 16 * (i % 4);
                    results.add(pool.submit(() -> Trainer.evaluate(model, test.sparse(),
                            Loss.SPARSE_CATEGORICAL_CROSSENTROPY, batch)));
                }
                for (Future<Evaluation> result : results) {
                    assertEquals(alone.classification(), result.get().classification());
                    assertEquals(alone.loss(), result.get().loss(), 1e-6);
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
