package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Scaler;
import io.nn4j.api.testkit.RawUnits;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Split;
import io.nn4j.api.train.Trainer;
import io.nn4j.api.train.TrainingStep;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model that carries scalers: {@code predict} takes raw rows and answers in the targets'
 * units, and {@code Trainer.fit} / {@code evaluate} train and measure exactly as a plain model
 * does on data scaled by hand.
 */
class ScaledModelTest {
    private Backend backend;

    @BeforeEach
    void open() {
        backend = Backends.load("cpu");
    }

    @AfterEach
    void close() {
        backend.close();
    }

    static Sequential.Builder regressor() {
        return Sequential.builder(2).dense(16, Activation.TANH).dense(1, Activation.IDENTITY);
    }

    static Trainer trainer(int epochs) {
        return Trainer.builder().loss(Loss.MEAN_SQUARED_ERROR).optimizer(new Adam(0.01f))
                .batchSize(16).epochs(epochs).seed(4).build();
    }

    /** {@code data} scaled by hand, row by row. */
    private static Dataset scaledByHand(Dataset data, Scaler features, Scaler targets) {
        return Dataset.ofTargets(features.transform(RawUnits.featureRows(data)),
                targets.transform(RawUnits.targetRows(data)));
    }

    @Test
    void fitAndEvaluateScaleTheRawDataAsAPlainModelTrainsOnDataScaledByHand() {
        Split split = Split.random(RawUnits.regression(1, 300), 2, 0.25);
        Scaler features = split.train().fitFeatureScaler(Scaler.Kind.STANDARD);
        Scaler targets = split.train().fitTargetScaler(Scaler.Kind.STANDARD);
        try (Sequential scaled = regressor().featureScaler(features).targetScaler(targets)
                .build(backend, 9);
             Sequential plain = regressor().build(backend, 9)) {
            List<EpochStats> carried = trainer(3).fit(scaled, split.train(), split.test());
            List<EpochStats> byHand = trainer(3).fit(plain,
                    scaledByHand(split.train(), features, targets),
                    scaledByHand(split.test(), features, targets));
            for (int e = 0; e < 3; e++) {
                assertEquals(byHand.get(e).trainLoss(), carried.get(e).trainLoss(), "epoch " + e);
                assertEquals(byHand.get(e).testLoss(), carried.get(e).testLoss(), "epoch " + e);
            }
            for (int p = 0; p < plain.parameters().size(); p++) {
                assertArrayEquals(backend.toArray(plain.parameters().get(p).value()),
                        backend.toArray(scaled.parameters().get(p).value()), "parameter " + p);
            }
            assertEquals(Trainer.evaluate(plain, scaledByHand(split.test(), features, targets),
                            Loss.MEAN_SQUARED_ERROR, 7).loss(),
                    Trainer.evaluate(scaled, split.test(), Loss.MEAN_SQUARED_ERROR, 7).loss(),
                    "evaluate reports the loss in the scaled units");

            float[][] raw = RawUnits.featureRows(split.test());
            float[][] expected = targets.inverse(plain.predict(features.transform(raw)));
            float[][] predicted = scaled.predict(raw);
            for (int r = 0; r < raw.length; r++) {
                assertArrayEquals(expected[r], predicted[r], "row " + r);
            }
        }
    }

    @Test
    void theThreePredictFormsAgreeBitForBit() {
        Dataset data = RawUnits.regression(2, 40);
        try (Sequential model = regressor()
                .featureScaler(data.fitFeatureScaler(Scaler.Kind.MIN_MAX))
                .targetScaler(data.fitTargetScaler(Scaler.Kind.STANDARD)).build(backend, 3)) {
            float[][] raw = RawUnits.featureRows(data);
            float[][] rows = model.predict(raw);
            float[] flat = new float[raw.length * 2];
            for (int r = 0; r < raw.length; r++) {
                System.arraycopy(raw[r], 0, flat, 2 * r, 2);
            }
            float[] fromFlat = model.predict(flat, raw.length);
            float[] fromTensors;
            try (Tensor in = backend.fromArray(flat, Shape.matrix(raw.length, 2));
                 Tensor out = backend.zeros(Shape.matrix(raw.length, 1))) {
                model.predict(in, out);
                fromTensors = backend.toArray(out);
                assertArrayEquals(flat, backend.toArray(in), "the input tensor is left as it was");
            }
            for (int r = 0; r < raw.length; r++) {
                assertEquals(rows[r][0], fromFlat[r], "row " + r);
                assertEquals(rows[r][0], fromTensors[r], "row " + r);
            }
        }
    }

    @Test
    void aWarmScaledPredictionMakesNoTensorAndClosingFreesTheScalers() {
        Dataset data = RawUnits.regression(8, 20);
        long before = backend.memory().liveTensors();
        try (Sequential model = regressor()
                .featureScaler(data.fitFeatureScaler(Scaler.Kind.STANDARD))
                .targetScaler(data.fitTargetScaler(Scaler.Kind.STANDARD)).build(backend, 3);
             Tensor in = backend.zeros(Shape.matrix(5, 2));
             Tensor out = backend.zeros(Shape.matrix(5, 1))) {
            model.predict(in, out);
            long warm = backend.memory().liveTensors();
            model.predict(in, out);
            model.predict(new float[10], 5);
            assertEquals(warm, backend.memory().liveTensors(), "the pooled workspace is reused");
        }
        assertEquals(before, backend.memory().liveTensors(), "everything freed");
    }

    @Test
    void targetScalingTrainsInScaledUnitsAndPredictsInTheOriginalOnes() {
        Split split = Split.random(RawUnits.regression(3, 600), 5, 0.2);
        Scaler targets = split.train().fitTargetScaler(Scaler.Kind.STANDARD);
        try (Sequential model = regressor()
                .featureScaler(split.train().fitFeatureScaler(Scaler.Kind.STANDARD))
                .targetScaler(targets).build(backend, 6)) {
            List<EpochStats> history = trainer(40).fit(model, split.train());
            assertTrue(history.get(39).trainLoss() < 0.01,
                    "the scaled loss: " + history.get(39).trainLoss());
            float[][] predicted = model.predict(RawUnits.featureRows(split.test()));
            float[][] actual = RawUnits.targetRows(split.test());
            double squares = 0;
            for (int r = 0; r < actual.length; r++) {
                double error = predicted[r][0] - actual[r][0];
                squares += error * error;
            }
            double rmse = Math.sqrt(squares / actual.length);
            double std = targets.scale()[0];
            assertTrue(std > 100, "targets in the hundreds: " + std);
            assertTrue(rmse < 0.1 * std, "rmse " + rmse + " in the targets' units, std " + std);
        }
    }

    @Test
    void aTargetScalerTrainsWithMeanSquaredErrorOnly() {
        Scaler three = Scaler.fit(Scaler.Kind.STANDARD, new float[][] {{0, 1, 2}, {1, 2, 3}});
        Dataset data = Dataset.ofClasses(new float[][] {{0, 1}, {1, 0}}, new int[] {0, 2}, 3);
        try (Sequential model = Sequential.builder(2).dense(3, Activation.SOFTMAX)
                .targetScaler(three).build(backend, 1);
             Sgd sgd = new Sgd(0.1f)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TrainingStep(model, sgd, Loss.CATEGORICAL_CROSSENTROPY, data, 2));
            assertTrue(e.getMessage().contains("target scaler"), e.getMessage());
        }
    }

    @Test
    void scalersThatDoNotFitTheLayersAreRefusedWhenTheModelIsBuilt() {
        Scaler three = Scaler.fit(Scaler.Kind.STANDARD, new float[][] {{0, 1, 2}, {1, 2, 3}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> regressor().featureScaler(three).build(backend, 1));
        assertTrue(e.getMessage().contains("feature scaler has 3 columns; the network takes 2"),
                e.getMessage());
        assertEquals(0, backend.memory().liveTensors(), "nothing made");
    }
}
