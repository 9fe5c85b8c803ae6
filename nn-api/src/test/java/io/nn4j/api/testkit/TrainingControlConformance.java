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
import java.util.function.Function;

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

    /** Trains a fresh network by {@code fit} and returns its parameters and history. */
    private static Trained train(Backend backend, float dropout, Optimizer optimizer,
                                 Function<Sequential, List<EpochStats>> fit) {
        try (Sequential model = network(backend, dropout); optimizer) {
            List<EpochStats> history = fit.apply(model);
            List<float[]> values = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                values.add(backend.toArray(p.value()));
            }
            return new Trained(values, history);
        }
    }

    private static Trainer.Builder trainer(Optimizer optimizer, int batchSize, int epochs) {
        return Trainer.builder().loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY).optimizer(optimizer)
                .batchSize(batchSize).epochs(epochs).seed(5);
    }

    /**
     * Class weights of 1 train exactly as none; weights of 2 double the loss of a one-batch
     * epoch exactly (the loss before the update) and change what is learned.
     */
    public static void checkClassWeights(Backend backend) {
        Dataset data = BLOBS.sparse();
        Adam plainAdam = new Adam(0.01f);
        Trained plain = train(backend, 0, plainAdam,
                m -> trainer(plainAdam, 16, 2).build().fit(m, data));
        Adam onesAdam = new Adam(0.01f);
        Trained ones = train(backend, 0, onesAdam,
                m -> trainer(onesAdam, 16, 2).classWeights(1, 1, 1).build().fit(m, data));
        plain.assertSameAs(ones, "weights of 1");
        Sgd plainSgd = new Sgd(0.1f);
        Trained oneBatch = train(backend, 0, plainSgd,
                m -> trainer(plainSgd, 240, 1).build().fit(m, data));
        Sgd doubledSgd = new Sgd(0.1f);
        Trained doubled = train(backend, 0, doubledSgd,
                m -> trainer(doubledSgd, 240, 1).classWeights(2, 2, 2).build().fit(m, data));
        assertEquals(2 * oneBatch.history.get(0).trainLoss(), doubled.history.get(0).trainLoss(),
                "weights of 2 double the loss");
        assertFalse(Arrays.equals(oneBatch.parameters.get(0), doubled.parameters.get(0)),
                "weights of 2 double the step");
    }

    /** Two fit calls of one epoch train as one call of two, dropout and schedule included. */
    public static void checkEpochsContinueAcrossFits(Backend backend) {
        Dataset data = BLOBS.sparse();
        Optimizer onceAdam = new Adam(0.01f).schedule(LearningRateSchedule.step(1, 0.5));
        Trained once = train(backend, 0.2f, onceAdam,
                m -> trainer(onceAdam, 16, 2).build().fit(m, data));
        Optimizer twiceAdam = new Adam(0.01f).schedule(LearningRateSchedule.step(1, 0.5));
        Trained twice = train(backend, 0.2f, twiceAdam, m -> {
            Trainer trainer = trainer(twiceAdam, 16, 1).build();
            trainer.fit(m, data);
            return trainer.fit(m, data);
        });
        once.assertSameAs(twice, "two calls of one epoch");
    }

    /**
     * Early stopping on a figure that never improves enough stops after the patience and puts
     * the first epoch's state back: equal to a run of one epoch.
     */
    public static void checkEarlyStoppingRestoresTheBestEpoch(Backend backend) {
        Dataset data = BLOBS.sparse();
        Adam oneAdam = new Adam(0.01f);
        Trained one = train(backend, 0, oneAdam,
                m -> trainer(oneAdam, 16, 1).build().fit(m, data));
        Adam stoppedAdam = new Adam(0.01f);
        Trained stopped = train(backend, 0, stoppedAdam, m -> trainer(stoppedAdam, 16, 9)
                .earlyStopping(EarlyStopping.on(Monitor.TRAIN_LOSS, 2).minDelta(1e6)).build()
                .fit(m, data));
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
