package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.EarlyStopping;
import io.nn4j.api.train.LearningRateSchedule;
import io.nn4j.api.train.Monitor;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The trainer's training control on a backend: class weights (a weight block staged with the
 * batch and {@code multiply} on the gradient, weighted targets for the loss), epochs that
 * continue across fit calls, and early stopping's device copies of the best epoch. Each is held
 * to bit-for-bit equality with the plain run it must equal. Static checks only, no state: safe
 * from any thread.
 */
public final class TrainingControlConformance {
    private static final Blobs BLOBS = Blobs.of(240, 8, 3, 6);

    private TrainingControlConformance() {
    }

    private static Sequential network(Backend backend, float dropout) {
        Sequential.Builder builder = Sequential.builder(8).dense(16, Activation.TANH);
        if (dropout > 0) {
            builder.dropout(dropout);
        }
        return builder.dense(3, Activation.SOFTMAX).build(backend, 3);
    }

    /**
     * Trains a fresh network with {@code optimizer} in {@code calls} fit calls of one trainer
     * (sparse cross-entropy, seed 5, {@code settings} applied) and returns its parameters and
     * the last call's history.
     */
    private static Trained train(Backend backend, float dropout, Optimizer optimizer,
                                 int batchSize, int epochs, int calls,
                                 UnaryOperator<Trainer.Builder> settings) {
        Dataset data = BLOBS.sparse();
        try (Sequential model = network(backend, dropout); optimizer) {
            Trainer trainer = settings.apply(Trainer.builder()
                    .loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY).optimizer(optimizer)
                    .batchSize(batchSize).epochs(epochs).seed(5)).build();
            List<EpochStats> history = List.of();
            for (int call = 0; call < calls; call++) {
                history = trainer.fit(model, data);
            }
            List<float[]> values = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                values.add(backend.toArray(p.value()));
            }
            return new Trained(values, history);
        }
    }

    /**
     * Class weights of 1 train exactly as none; weights of 2 double the loss of a one-batch
     * epoch exactly (the loss before the update) and change what is learned.
     */
    public static void checkClassWeights(Backend backend) {
        Trained plain = train(backend, 0, new Adam(0.01f), 16, 2, 1, b -> b);
        Trained ones = train(backend, 0, new Adam(0.01f), 16, 2, 1, b -> b.classWeights(1, 1, 1));
        plain.assertSameAs(ones, "weights of 1");
        Trained oneBatch = train(backend, 0, new Sgd(0.1f), 240, 1, 1, b -> b);
        Trained doubled = train(backend, 0, new Sgd(0.1f), 240, 1, 1,
                b -> b.classWeights(2, 2, 2));
        assertEquals(2 * oneBatch.history.get(0).trainLoss(), doubled.history.get(0).trainLoss(),
                "weights of 2 double the loss");
        assertFalse(Arrays.equals(oneBatch.parameters.get(0), doubled.parameters.get(0)),
                "weights of 2 double the step");
    }

    /** Two fit calls of one epoch train as one call of two, dropout and schedule included. */
    public static void checkEpochsContinueAcrossFits(Backend backend) {
        Trained once = train(backend, 0.2f,
                new Adam(0.01f).schedule(LearningRateSchedule.step(1, 0.5)), 16, 2, 1, b -> b);
        Trained twice = train(backend, 0.2f,
                new Adam(0.01f).schedule(LearningRateSchedule.step(1, 0.5)), 16, 1, 2, b -> b);
        once.assertSameAs(twice, "two calls of one epoch");
    }

    /**
     * Early stopping on a figure that never improves enough stops after the patience and puts
     * the first epoch's state back: equal to a run of one epoch.
     */
    public static void checkEarlyStoppingRestoresTheBestEpoch(Backend backend) {
        Trained one = train(backend, 0, new Adam(0.01f), 16, 1, 1, b -> b);
        Trained stopped = train(backend, 0, new Adam(0.01f), 16, 9, 1, b -> b.earlyStopping(
                EarlyStopping.on(Monitor.TRAIN_LOSS, 2).minDelta(1e6)));
        assertEquals(3, stopped.history.size(), "epoch 1 is the best; 2 and 3 use the patience");
        assertArrayEquals(one.parameters.toArray(float[][]::new),
                stopped.parameters.toArray(float[][]::new), "the first epoch's parameters");
    }

    private record Trained(List<float[]> parameters, List<EpochStats> history) {
        void assertSameAs(Trained other, String what) {
            assertEquals(history.size(), other.history.size(), what);
            for (int e = 0; e < history.size(); e++) {
                assertEquals(history.get(e).trainLoss(), other.history.get(e).trainLoss(),
                        what + ": epoch " + (e + 1));
            }
            assertArrayEquals(parameters.toArray(float[][]::new),
                    other.parameters.toArray(float[][]::new), what + ": parameters");
        }
    }
}
