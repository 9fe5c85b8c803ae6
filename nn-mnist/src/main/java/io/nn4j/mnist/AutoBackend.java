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
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Trainer;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code --backend auto}: opens every available backend, times a few training steps of the
 * actual model on each (after warm-up steps, waiting for the device at the end), keeps the
 * fastest open and closes the others. Every time, and every backend skipped, is printed.
 */
final class AutoBackend {
    static final int WARM_STEPS = 30;
    static final int TIMED_STEPS = 30;

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
        Backend best = null;
        double bestMillis = Double.POSITIVE_INFINITY;
        StringBuilder failures = new StringBuilder();
        for (BackendStatus status : Backends.list()) {
            if (!status.availability().available()) {
                print(out, "auto: skipping %s: %s", status.name(), status.availability().reason());
                continue;
            }
            Backend backend = null;
            try {
                backend = Backends.load(status.name());
                double millis = millisPerStep(backend, architecture, seed, loss, optimizers,
                        data, batchSize);
                print(out, "auto: %s takes %.3f ms per training step (batch %d, mean of %d after"
                        + " %d warm-up steps)", status.name(), millis, batchSize, TIMED_STEPS,
                        WARM_STEPS);
                if (millis < bestMillis) {
                    if (best != null) {
                        best.close();
                    }
                    best = backend;
                    bestMillis = millis;
                    backend = null;
                }
            } catch (RuntimeException | LinkageError e) {
                print(out, "auto: skipping %s: a training step failed: %s", status.name(), e);
                failures.append("; ").append(status.name()).append(": ").append(e);
            } finally {
                if (backend != null) {
                    backend.close();
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("--backend auto found no backend that can run a"
                    + " training step" + failures);
        }
        print(out, "auto: using %s, the fastest", best.name());
        return best;
    }

    private static double millisPerStep(Backend backend, Architecture architecture, long seed,
                                        Loss loss, Supplier<Optimizer> optimizers, Dataset data,
                                        int batchSize) {
        int rows = Math.min(batchSize, data.size());
        int outputs = architecture.outputSize();
        float[] features = new float[rows * data.featureCount()];
        float[] targets = new float[rows * data.targetCount()];
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        data.gather(order, 0, rows, features, targets);
        try (Sequential model = architecture.build(backend, seed);
             Optimizer optimizer = optimizers.get();
             Tensor x = backend.fromArray(features, Shape.matrix(rows, data.featureCount()));
             Tensor y = backend.fromArray(targets, Shape.matrix(rows, data.targetCount()));
             Tensor gradient = backend.zeros(Shape.matrix(rows, outputs))) {
            for (int i = 0; i < WARM_STEPS; i++) {
                Trainer.step(model, optimizer, loss, x, y, gradient);
            }
            backend.synchronize();
            long start = System.nanoTime();
            for (int i = 0; i < TIMED_STEPS; i++) {
                Trainer.step(model, optimizer, loss, x, y, gradient);
            }
            backend.synchronize();
            return (System.nanoTime() - start) / 1e6 / TIMED_STEPS;
        }
    }

    private static void print(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
