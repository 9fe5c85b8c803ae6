package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.EpochOrder;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Trains the same network from the same seed on the same batches on two backends and asserts
 * that the loss of every step agrees within {@link Tolerances#CROSS_BACKEND_LOSS} (relative).
 * Initial weights and the batch order come from the host, so any difference is the backends'.
 */
public final class CrossBackendEquivalence {

    private CrossBackendEquivalence() {
    }

    /**
     * What to train.
     *
     * @param network   the layers; built once on each backend
     * @param seed      seeds the initial weights and the batch order
     * @param data      the examples, drawn in full batches, reshuffled every pass
     * @param loss      the loss to minimize
     * @param optimizer makes a fresh optimizer for each backend
     * @param batchSize examples per step, at most {@code data.size()}
     * @param steps     training steps to run and compare
     */
    public record Run(Sequential.Builder network, long seed, Dataset data, Loss loss,
                      Supplier<Optimizer> optimizer, int batchSize, int steps) {

        /** Checks the sizes. */
        public Run {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(optimizer, "optimizer");
            if (batchSize < 1 || batchSize > data.size() || steps < 1) {
                throw new IllegalArgumentException("batch size " + batchSize + " and steps "
                        + steps + ": expected a batch size in [1, " + data.size()
                        + "] and at least one step");
            }
        }

        /** A run with plain SGD at {@code learningRate}. */
        public static Run sgd(Sequential.Builder network, long seed, Dataset data, Loss loss,
                              float learningRate, int batchSize, int steps) {
            return new Run(network, seed, data, loss, () -> new Sgd(learningRate), batchSize,
                    steps);
        }
    }

    /** The per-step mean batch losses of both backends, step 1 first. */
    public record Losses(List<Double> first, List<Double> second) {
    }

    /** Opens the two backends by name, compares them on {@code run}, and closes them. */
    public static Losses assertEquivalent(String first, String second, Run run) {
        try (Backend a = Backends.load(first);
             Backend b = Backends.load(second)) {
            return assertEquivalent(a, b, run);
        }
    }

    /**
     * Trains {@code run} on both backends and asserts that every step's loss agrees.
     *
     * @return both loss curves, for further checks (e.g. that the loss fell)
     */
    public static Losses assertEquivalent(Backend first, Backend second, Run run) {
        Losses losses = new Losses(train(first, run), train(second, run));
        for (int step = 0; step < run.steps(); step++) {
            double a = losses.first().get(step);
            double b = losses.second().get(step);
            double difference = KitAssertions.relativeDifference(a, b);
            if (!(difference <= Tolerances.CROSS_BACKEND_LOSS)) {
                fail(String.format(Locale.ROOT, "training step %d of %d: loss %.9g on %s but %.9g"
                                + " on %s (relative difference %.3e, tolerance %.0e)",
                        step + 1, run.steps(), a, first.name(), b, second.name(), difference,
                        Tolerances.CROSS_BACKEND_LOSS));
            }
        }
        return losses;
    }

    /**
     * Trains {@code run} on {@code backend} through a {@link TrainingStep}, pass after pass in
     * the {@link EpochOrder} of the run's seed, and returns the mean loss of every step's batch.
     */
    public static List<Double> train(Backend backend, Run run) {
        Dataset data = run.data();
        int rows = run.batchSize();
        int[] order = new int[data.size()];
        List<Double> losses = new ArrayList<>();
        try (Sequential net = run.network().build(backend, run.seed());
             Optimizer optimizer = run.optimizer().get();
             TrainingStep step = new TrainingStep(net, optimizer, run.loss(), data, rows);
             Tensor total = backend.zeros(Shape.vector(1))) {
            int batchesPerPass = data.size() / rows;
            for (int i = 0; i < run.steps(); i++) {
                int batch = i % batchesPerPass;
                if (batch == 0) {
                    EpochOrder.fill(order, run.seed(), i / batchesPerPass + 1);
                }
                backend.fill(total, 0f);
                step.run(order, batch, total);
                losses.add(backend.toArray(total)[0] / (double) rows);
            }
        }
        return losses;
    }
}
