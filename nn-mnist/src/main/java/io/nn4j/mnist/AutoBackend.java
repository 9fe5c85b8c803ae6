package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.EpochOrder;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Trainer;
import io.nn4j.api.train.TrainingStep;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code --backend auto}: opens every available backend, builds the actual model on each, times
 * training steps on them in turns ({@link InterleavedRounds}), keeps the fastest open and closes
 * the others. Every time, and every backend skipped, is printed.
 *
 * <p>A timed step is what a training step costs in {@link Trainer#fit}, apart from its divergence
 * checks and listeners: the same {@link TrainingStep} walks the same shuffles ({@link EpochOrder}
 * from the seed, which the demo also gives the trainer, epoch after epoch), copying each batch's
 * rows into the backend, training on them and summing their loss on the backend; a round waits
 * for the device before it stops the clock. Taking turns matters on the JVM: the code the
 * backends share (the layers, the trainer) is compiled while the first rounds run, so timing each
 * backend once in a row favours the one timed last.
 */
final class AutoBackend {
    static final int ROUNDS = 8;
    static final long ROUND_MILLIS = 40;

    private AutoBackend() {
    }

    /**
     * The fastest available backend for training {@code architecture} with {@code loss} on
     * batches of {@code batchSize} rows of {@code data}; the caller closes it.
     *
     * @throws IllegalStateException when no backend could run a step
     */
    static Backend fastest(Architecture architecture, long seed, Loss loss,
                           Supplier<Optimizer> optimizers, Dataset data, int batchSize,
                           PrintWriter out) {
        List<Trial> trials = new ArrayList<>();
        StringBuilder failures = new StringBuilder();
        try {
            for (BackendStatus status : Backends.list()) {
                if (!status.availability().available()) {
                    print(out, "auto: skipping %s: %s", status.name(),
                            status.availability().reason());
                    continue;
                }
                try {
                    trials.add(Trial.open(status.name(), architecture, seed, loss, optimizers,
                            data, batchSize));
                } catch (RuntimeException | LinkageError e) {
                    print(out, "auto: skipping %s: it could not build the model: %s",
                            status.name(), e);
                    failures.append("; ").append(status.name()).append(": ").append(e);
                }
            }
            InterleavedRounds<Trial> rounds = InterleavedRounds.run(trials, ROUNDS,
                    Trial::timeRound);
            rounds.failures().forEach((trial, e) -> {
                print(out, "auto: skipping %s: a training step failed: %s", trial.name(), e);
                failures.append("; ").append(trial.name()).append(": ").append(e);
            });
            Map<Trial, Double> millis = rounds.fastest();
            if (millis.isEmpty()) {
                throw new IllegalStateException("--backend auto found no backend that can run a"
                        + " training step" + failures);
            }
            millis.forEach((trial, perStep) -> print(out, "auto: %s takes %.3f ms per training"
                    + " step (batch %d, the fastest of %d rounds of at least %d ms, taken in turn"
                    + " with the other backends)", trial.name(), perStep, trial.rows, ROUNDS,
                    ROUND_MILLIS));
            Trial best = Collections.min(millis.entrySet(), Map.Entry.comparingByValue()).getKey();
            print(out, "auto: using %s, the fastest", best.name());
            return best.release();
        } finally {
            trials.forEach(Trial::close);
        }
    }

    private static void print(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /** One backend, with the model, optimizer and training step it is timed on. */
    private static final class Trial implements AutoCloseable {
        private final Backend backend;
        private final long seed;
        private final int rows;
        private final int[] order;
        private Sequential model;
        private Optimizer optimizer;
        private TrainingStep step;
        private Tensor lossTotal;
        private int epoch = 1;
        private int batch;
        private boolean released;

        private Trial(Backend backend, Dataset data, int batchSize, long seed) {
            this.backend = backend;
            this.seed = seed;
            this.rows = Math.min(batchSize, data.size());
            this.order = new int[data.size()];
            EpochOrder.fill(order, seed, epoch);
        }

        static Trial open(String name, Architecture architecture, long seed, Loss loss,
                          Supplier<Optimizer> optimizers, Dataset data, int batchSize) {
            Trial trial = new Trial(Backends.load(name), data, batchSize, seed);
            try {
                trial.model = architecture.build(trial.backend, seed);
                trial.optimizer = optimizers.get();
                trial.step = new TrainingStep(trial.model, trial.optimizer, loss, data, batchSize);
                trial.lossTotal = trial.backend.zeros(Shape.vector(1));
                return trial;
            } catch (RuntimeException | LinkageError e) {
                trial.close();
                throw e;
            }
        }

        String name() {
            return backend.name();
        }

        /** Trains on batch after batch for at least {@link #ROUND_MILLIS}; ms per step. */
        double timeRound() {
            long start = System.nanoTime();
            long minimum = ROUND_MILLIS * 1_000_000L;
            int steps = 0;
            long elapsed;
            do {
                step.run(order, batch, lossTotal);
                if (++batch == step.batches()) {
                    batch = 0;
                    EpochOrder.fill(order, seed, ++epoch);
                }
                steps++;
                if (System.nanoTime() - start >= minimum) {
                    backend.synchronize();
                }
                elapsed = System.nanoTime() - start;
            } while (elapsed < minimum);
            return elapsed / 1e6 / steps;
        }

        /** Closes what was timed and hands the backend over, open, to the caller. */
        Backend release() {
            closeTimingModel();
            released = true;
            return backend;
        }

        /** Closes everything, the backend too unless {@link #release()} handed it over. */
        @Override
        public void close() {
            try {
                closeTimingModel();
            } finally {
                if (!released) {
                    backend.close();
                }
            }
        }

        /** Closes the loss sum, step, optimizer and model (those that were made), in reverse. */
        private void closeTimingModel() {
            try (Sequential m = model; Optimizer o = optimizer; TrainingStep s = step;
                 Tensor l = lossTotal) {
                model = null;
                optimizer = null;
                step = null;
                lossTotal = null;
            }
        }
    }
}
