package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Dropout;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.testkit.Blobs;
import io.nn4j.api.testkit.StepAllocationMeter;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.EpochOrder;
import io.nn4j.api.train.LearningRateSchedule;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import io.nn4j.api.train.TrainingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training features on the cpu backend: optimizers, sparse and binary losses, dropout,
 * checkpoints that resume to exactly the run that never stopped, and the {@link TrainingStep}
 * that fit runs.
 */
class TrainingFeaturesTest extends FreshCpuBackend {
    private static final Blobs TRAIN = Blobs.of(600, 12, 3, 1);
    private static final Blobs TEST = Blobs.of(300, 12, 3, 1);
    private static final int BATCH_SIZE = 32;
    private static final long SEED = 9;

    @TempDir
    Path dir;

    private Sequential network(long seed, float dropout) {
        Sequential.Builder builder = Sequential.builder(12).dense(32, Activation.GELU);
        if (dropout > 0) {
            builder.dropout(dropout);
        }
        return builder.dense(3, Activation.SOFTMAX).build(backend, seed);
    }

    private List<EpochStats> train(Sequential model, Optimizer optimizer, Loss loss, Dataset train,
                                   Dataset test, int epochs, Path checkpoints) {
        Trainer.Builder builder = Trainer.builder().loss(loss).optimizer(optimizer)
                .batchSize(BATCH_SIZE).epochs(epochs).seed(SEED);
        if (checkpoints != null) {
            builder.checkpoints(checkpoints);
        }
        return builder.build().fit(model, train, test);
    }

    @Test
    void everyOptimizerLearnsTheBlobs() {
        List<Supplier<Optimizer>> optimizers = List.of(
                () -> new Sgd(0.05f),
                () -> new Sgd(0.02f).momentum(0.9f, false).weightDecay(1e-4f),
                () -> new Sgd(0.02f).momentum(0.9f, true),
                () -> new Adam(0.01f).schedule(LearningRateSchedule.cosine(4, 0.1)));
        for (Supplier<Optimizer> make : optimizers) {
            try (Sequential model = network(3, 0); Optimizer optimizer = make.get()) {
                List<EpochStats> history = train(model, optimizer,
                        Loss.CATEGORICAL_CROSSENTROPY, TRAIN.oneHot(), TEST.oneHot(), 4, null);
                assertTrue(history.get(3).testAccuracy() > 0.9, optimizer + ": " + history);
                assertTrue(history.get(3).trainLoss() < history.get(0).trainLoss(),
                        optimizer + ": " + history);
            }
        }
    }

    @Test
    void aWarmTrainingStepAllocatesNothing() {
        StepAllocationMeter meter = new StepAllocationMeter(3, 6);
        try (Sequential model = network(2, 0.2f); Adam adam = new Adam(0.01f)) {
            Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(adam).batchSize(16)
                    .epochs(6).seed(9).listener(meter).build()
                    .fit(model, TRAIN.oneHot(), TEST.oneHot());
        }
        assertTrue(meter.quietestEpochBytes() < meter.perStepAllocationThreshold(),
                meter.toString());
    }

    @Test
    void trainingStepsInEpochOrderTrainExactlyLikeFit() {
        Dataset data = TRAIN.oneHot();
        try (Sequential fitted = network(5, 0); Sequential stepped = network(5, 0);
             Optimizer first = new Sgd(0.02f).momentum(0.9f, true);
             Optimizer second = new Sgd(0.02f).momentum(0.9f, true);
             TrainingStep step = new TrainingStep(stepped, second, Loss.CATEGORICAL_CROSSENTROPY,
                     data, BATCH_SIZE);
             Tensor lossTotal = backend.zeros(Shape.vector(1))) {
            List<EpochStats> history = train(fitted, first, Loss.CATEGORICAL_CROSSENTROPY, data,
                    TEST.oneHot(), 2, null);
            assertEquals(19, step.batches(), "600 examples in batches of 32, the last short");
            int[] order = new int[data.size()];
            for (int epoch = 1; epoch <= 2; epoch++) {
                EpochOrder.fill(order, SEED, epoch);
                second.startEpoch(epoch - 1);
                backend.fill(lossTotal, 0f);
                for (int batch = 0; batch < step.batches(); batch++) {
                    step.run(order, batch, lossTotal);
                }
                assertEquals(history.get(epoch - 1).trainLoss(),
                        backend.toArray(lossTotal)[0] / (double) data.size(), "epoch " + epoch);
            }
            assertSameBits(weights(fitted), weights(stepped));
        }
    }

    @Test
    void byteFeaturesTrainAndEvaluateExactlyLikeTheirFloats() {
        Random random = new Random(SEED);
        byte[] bytes = new byte[400 * 12];
        random.nextBytes(bytes);
        int[] labels = new int[400];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ((bytes[i * 12] & 0xFF) + (bytes[i * 12 + 5] & 0xFF)) % 3;
        }
        float[] floats = new float[bytes.length];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (bytes[i] & 0xFF) / 255f;
        }
        Dataset asBytes = Dataset.ofClasses(bytes, 12, 255f, labels, 3);
        Dataset asFloats = Dataset.ofClasses(floats, 12, labels, 3);
        try (Sequential fromBytes = network(5, 0.1f); Sequential fromFloats = network(5, 0.1f);
             Optimizer first = new Sgd(0.05f); Optimizer second = new Sgd(0.05f)) {
            List<EpochStats> byteHistory = train(fromBytes, first, Loss.CATEGORICAL_CROSSENTROPY,
                    asBytes, asBytes.select(new int[] {3, 1, 4, 1, 5}), 2, null);
            List<EpochStats> floatHistory = train(fromFloats, second,
                    Loss.CATEGORICAL_CROSSENTROPY, asFloats,
                    asFloats.select(new int[] {3, 1, 4, 1, 5}), 2, null);
            for (int epoch = 0; epoch < 2; epoch++) {
                assertEquals(floatHistory.get(epoch).trainLoss(),
                        byteHistory.get(epoch).trainLoss());
                assertEquals(floatHistory.get(epoch).testLoss(),
                        byteHistory.get(epoch).testLoss());
            }
            List<float[]> expected = weights(fromFloats);
            List<float[]> actual = weights(fromBytes);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
            }
        }
    }

    @Test
    void aTrainingStepRefusesDataThatDoesNotFitAndBatchesOutsideIt() {
        Dataset data = TRAIN.oneHot();
        Dataset narrow = Blobs.of(60, 11, 3, 1).oneHot();
        Loss loss = Loss.CATEGORICAL_CROSSENTROPY;
        try (Sequential model = network(5, 0); Sgd sgd = new Sgd(0.1f)) {
            IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                    () -> new TrainingStep(model, sgd, loss, narrow, BATCH_SIZE));
            assertEquals("the training data has 11 features and 3 targets per example; the model "
                    + "with loss categorical_crossentropy expects 12 and 3",
                    wrongWidth.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> new TrainingStep(model, sgd, loss, data, 0));
            try (TrainingStep step = new TrainingStep(model, sgd, loss, data, BATCH_SIZE);
                 Tensor lossTotal = backend.zeros(Shape.vector(1))) {
                int[] order = new int[data.size()];
                EpochOrder.fill(order, SEED, 1);
                assertThrows(IndexOutOfBoundsException.class,
                        () -> step.run(order, step.batches(), lossTotal));
                assertThrows(IndexOutOfBoundsException.class,
                        () -> step.run(order, -1, lossTotal));
            }
        }
    }

    @Test
    void theRunningLossEndsAtTheEpochLoss() {
        List<double[]> reports = new ArrayList<>();
        io.nn4j.api.train.TrainingListener listener = new io.nn4j.api.train.TrainingListener() {
            @Override
            public void onRunningLoss(int epoch, int batch, double meanLoss) {
                reports.add(new double[] {epoch, batch, meanLoss});
            }
        };
        try (Sequential model = network(3, 0); Sgd sgd = new Sgd(0.05f)) {
            List<EpochStats> history = Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY)
                    .optimizer(sgd).batchSize(30).epochs(2).seed(9).runningLossEvery(5)
                    .listener(listener).build().fit(model, TRAIN.oneHot(), TEST.oneHot());
            assertEquals(8, reports.size(), "600 examples in batches of 30: 20 steps, 4 reports");
            assertEquals(20, reports.get(3)[1]);
            assertEquals(history.get(0).trainLoss(), reports.get(3)[2], 1e-6);
            assertEquals(history.get(1).trainLoss(), reports.get(7)[2], 1e-6);
            assertTrue(reports.get(0)[2] > reports.get(3)[2], "the loss falls within epoch 1");
        }
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().runningLossEvery(-1));
    }

    @Test
    void sparseTargetsTrainExactlyLikeOneHotTargets() {
        try (Sequential oneHot = network(4, 0); Sequential sparse = network(4, 0);
             Sgd first = new Sgd(0.05f); Sgd second = new Sgd(0.05f)) {
            List<EpochStats> a = train(oneHot, first, Loss.CATEGORICAL_CROSSENTROPY,
                    TRAIN.oneHot(), TEST.oneHot(), 2, null);
            List<EpochStats> b = train(sparse, second, Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
                    TRAIN.sparse(), TEST.sparse(), 2, null);
            for (int e = 0; e < 2; e++) {
                assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss(), 1e-6);
                assertEquals(a.get(e).testAccuracy(), b.get(e).testAccuracy());
            }
            assertArrayEquals(weights(oneHot).get(0), weights(sparse).get(0));
        }
    }

    @Test
    void sigmoidWithBinaryCrossEntropySeparatesOneClass() {
        try (Sequential model = Sequential.builder(12).dense(16, Activation.RELU)
                .dense(1, Activation.SIGMOID).build(backend, 5);
             Adam adam = new Adam(0.01f)) {
            List<EpochStats> history = train(model, adam, Loss.BINARY_CROSSENTROPY,
                    TRAIN.binary(0), TEST.binary(0), 3, null);
            assertTrue(history.get(2).testAccuracy() > 0.95, history.toString());
        }
    }

    @Test
    void aFusedLossNeedsItsOutputActivation() {
        try (Sequential model = network(1, 0); Sgd sgd = new Sgd(0.1f)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> train(model, sgd, Loss.BINARY_CROSSENTROPY, TRAIN.binary(0),
                            TEST.binary(0), 1, null));
            assertTrue(e.getMessage().contains("needs an output layer with sigmoid"),
                    e.getMessage());
        }
    }

    @Test
    void aFusedLossRefusesAnOutputLayerOfAnotherActivation() {
        try (Sequential model = Sequential.builder(4).dense(3, Activation.SOFTMAX).dropout(0.5f)
                .build(backend, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.checkLoss(Loss.CATEGORICAL_CROSSENTROPY));
            assertTrue(e.getMessage().contains("needs an output layer with softmax activation; "
                    + "the output layer is Dropout(0.5)"), e.getMessage());
        }
    }

    @Test
    void dropoutZeroesAndRescalesWhileTrainingOnly() {
        float[] ones = new float[64 * 100];
        java.util.Arrays.fill(ones, 1f);
        try (Dropout dropout = new Dropout(backend, 100, 0.25f, 77);
             Tensor x = backend.fromArray(ones, Shape.matrix(64, 100))) {
            float[] y = backend.toArray(dropout.forward(x, true));
            int kept = 0;
            for (float v : y) {
                assertTrue(v == 0f || v == 1f / 0.75f, "element " + v);
                kept += v != 0f ? 1 : 0;
            }
            assertEquals(0.75, kept / (double) y.length, 0.02);
            float[] dX = backend.toArray(dropout.backward(x, true,
                    ParameterUpdate.STORE_GRADIENT));
            assertArrayEquals(y, dX, "the gradient goes through the same mask");
            float[] next = backend.toArray(dropout.forward(x, true));
            assertNotEquals(java.util.Arrays.toString(y), java.util.Arrays.toString(next),
                    "each step draws a new mask");
            assertTrue(dropout.forward(x, false) == x, "evaluation passes the input through");
        }
    }

    @ParameterizedTest(name = "dropout {0}")
    @ValueSource(floats = {0f, 0.3f})
    void resumingFromACheckpointGivesTheUninterruptedRun(float dropout) throws IOException {
        List<EpochStats> straight;
        List<float[]> straightWeights;
        try (Sequential model = network(6, dropout); Optimizer adam = new Adam(0.005f)) {
            straight = train(model, adam, Loss.CATEGORICAL_CROSSENTROPY, TRAIN.oneHot(),
                    TEST.oneHot(), 3, null);
            straightWeights = weights(model);
        }
        Path checkpoints = dir.resolve("checkpoints");
        try (Sequential model = network(6, dropout); Optimizer adam = new Adam(0.005f)) {
            train(model, adam, Loss.CATEGORICAL_CROSSENTROPY, TRAIN.oneHot(), TEST.oneHot(), 2,
                    checkpoints);
        }
        assertTrue(Files.exists(Checkpoint.fileFor(checkpoints, 2)));
        assertTrue(Files.notExists(Checkpoint.fileFor(checkpoints, 1)), "only the latest is kept");
        try (Sequential model = network(99, dropout); Optimizer adam = new Adam(0.005f)) {
            List<EpochStats> resumed = train(model, adam, Loss.CATEGORICAL_CROSSENTROPY,
                    TRAIN.oneHot(), TEST.oneHot(), 3, checkpoints);
            assertEquals(3, resumed.size());
            assertEquals(straight.get(2).trainLoss(), resumed.get(2).trainLoss());
            assertEquals(straight.get(2).testAccuracy(), resumed.get(2).testAccuracy());
            assertSameBits(straightWeights, weights(model));
        }
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefused() {
        Path checkpoints = dir.resolve("other");
        try (Sequential model = network(6, 0); Sgd sgd = new Sgd(0.1f)) {
            train(model, sgd, Loss.CATEGORICAL_CROSSENTROPY, TRAIN.oneHot(), TEST.oneHot(), 1,
                    checkpoints);
        }
        try (Sequential wider = Sequential.builder(12).dense(40, Activation.GELU)
                .dense(3, Activation.SOFTMAX).build(backend, 1); Sgd sgd = new Sgd(0.1f)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> train(wider, sgd,
                    Loss.CATEGORICAL_CROSSENTROPY, TRAIN.oneHot(), TEST.oneHot(), 2, checkpoints));
            assertTrue(e.getMessage().contains("was written for"), e.getMessage());
        }
    }

    @Test
    void modelsWithDropoutRoundTripThroughModelFiles() throws IOException {
        Path file = dir.resolve("dropout.nn4j");
        try (Sequential model = network(8, 0.3f)) {
            ModelFile.save(model, file);
            try (Sequential loaded = ModelFile.load(file, backend)) {
                assertEquals(model.toString(), loaded.toString());
                assertArrayEquals(model.predict(TEST.features(), 300),
                        loaded.predict(TEST.features(), 300));
            }
        }
    }
}
