package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.testkit.Blobs;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.EpochOrder;
import io.nn4j.api.train.EpochStats;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import io.nn4j.api.train.TrainingStep;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TrainingStep} on the cpu backend: what {@link Trainer#fit} runs, and its refusals. */
class TrainingStepTest {
    private static final Dataset TRAIN = Blobs.of(600, 12, 3, 1).oneHot();
    private static final Loss LOSS = Loss.CATEGORICAL_CROSSENTROPY;
    private static final int BATCH = 32;
    private static final long SEED = 9;

    private Backend backend;

    @BeforeEach
    void open() {
        backend = Backends.load("cpu");
    }

    @AfterEach
    void close() {
        assertEquals(0, backend.memory().liveTensors(), "every tensor was closed");
        backend.close();
    }

    private Sequential network() {
        return Sequential.builder(12).dense(32, Activation.GELU).dense(3, Activation.SOFTMAX)
                .build(backend, 5);
    }

    private static Optimizer optimizer() {
        return new Sgd(0.02f).momentum(0.9f, true);
    }

    @Test
    void stepsInEpochOrderTrainExactlyLikeFit() {
        try (Sequential fitted = network(); Sequential stepped = network();
             Optimizer first = optimizer(); Optimizer second = optimizer();
             TrainingStep step = new TrainingStep(stepped, second, LOSS, TRAIN, BATCH);
             Tensor lossTotal = backend.zeros(Shape.vector(1))) {
            List<EpochStats> history = Trainer.builder().loss(LOSS).optimizer(first)
                    .batchSize(BATCH).epochs(2).seed(SEED).build().fit(fitted, TRAIN);
            assertEquals(19, step.batches(), "600 examples in batches of 32, the last short");
            int[] order = new int[TRAIN.size()];
            for (int epoch = 1; epoch <= 2; epoch++) {
                EpochOrder.fill(order, SEED, epoch);
                second.startEpoch(epoch - 1);
                backend.fill(lossTotal, 0f);
                for (int batch = 0; batch < step.batches(); batch++) {
                    step.run(order, batch, lossTotal);
                }
                assertEquals(history.get(epoch - 1).trainLoss(),
                        backend.toArray(lossTotal)[0] / (double) TRAIN.size(), "epoch " + epoch);
            }
            for (int i = 0; i < fitted.parameters().size(); i++) {
                assertArrayEquals(backend.toArray(fitted.parameters().get(i).value()),
                        backend.toArray(stepped.parameters().get(i).value()),
                        fitted.parameters().get(i).name());
            }
        }
    }

    @Test
    void aBatchOutsideTheDataSetIsRefused() {
        try (Sequential model = network(); Optimizer sgd = optimizer();
             TrainingStep step = new TrainingStep(model, sgd, LOSS, TRAIN, BATCH);
             Tensor lossTotal = backend.zeros(Shape.vector(1))) {
            int[] order = new int[TRAIN.size()];
            EpochOrder.fill(order, SEED, 1);
            assertThrows(IndexOutOfBoundsException.class, () -> step.run(order, 19, lossTotal));
            assertThrows(IndexOutOfBoundsException.class, () -> step.run(order, -1, lossTotal));
        }
    }

    @Test
    void dataOrABatchSizeThatDoesNotFitIsRefusedBeforeAnyTensorIsMade() {
        Dataset narrow = Blobs.of(60, 11, 3, 1).oneHot();
        try (Sequential model = network(); Optimizer sgd = optimizer()) {
            long before = backend.memory().liveTensors();
            IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                    () -> new TrainingStep(model, sgd, LOSS, narrow, BATCH));
            assertEquals("the training data has 11 features and 3 targets per example; the model "
                    + "with loss categorical_crossentropy expects 12 and 3",
                    wrongWidth.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> new TrainingStep(model, sgd, LOSS, TRAIN, 0));
            assertEquals(before, backend.memory().liveTensors());
        }
    }
}
