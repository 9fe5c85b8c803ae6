package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.MemoryStats;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Scaler;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threading contract of {@link Sequential}: inference on one model from many threads at
 * once gives bit for bit the single-threaded results, throws nothing and leaks nothing; a
 * thread training the model refuses the others.
 */
final class ConcurrencyConformance {
    /** Threads predicting at once in the stress test. */
    static final int THREADS = 8;
    /** Batch sizes mixed in the stress test: odd, tiny and GEMM-tile-crossing ones. */
    private static final int[] BATCH_SIZES = {1, 3, 17, 64, 65, 200};
    private static final int INPUTS = 100;
    private static final long SEED = 20261206L;

    private ConcurrencyConformance() {
    }

    /**
     * {@link #THREADS} threads predict for {@code seconds} on one model with mixed batch sizes
     * through all three {@code predict} forms, the model carrying a feature and a target scaler
     * (whose work tensors are per call too); every output must equal the single-threaded one
     * bit for bit, no call may throw, and once the model is closed the backend holds exactly
     * the tensors it held before the model was made.
     */
    static void checkConcurrentPredictions(Backend backend, double seconds) throws Exception {
        MemoryStats before = backend.memory();
        float[][] inputs = new float[BATCH_SIZES.length][];
        float[][] expected = new float[BATCH_SIZES.length][];
        AtomicLong calls = new AtomicLong();
        List<String> failures = new ArrayList<>();
        RandomTensors random = new RandomTensors(SEED);
        try (Sequential model = Sequential.builder(INPUTS)
                .dense(96, Activation.TANH)
                .dropout(0.3f)
                .dense(48, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .featureScaler(Scaler.of(Scaler.Kind.STANDARD, random.uniform(INPUTS, -1, 1),
                        random.uniform(INPUTS, 0.5f, 2)))
                .targetScaler(Scaler.of(Scaler.Kind.MIN_MAX, random.uniform(10, -1, 1),
                        random.uniform(10, 0.5f, 2)))
                .build(backend, SEED)) {
            for (int i = 0; i < BATCH_SIZES.length; i++) {
                inputs[i] = random.uniform(BATCH_SIZES[i] * INPUTS, -2, 2);
                expected[i] = model.predict(inputs[i], BATCH_SIZES[i]);
            }
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long threadSeed = SEED + t;
                    running.add(pool.submit(() -> {
                        predictUntil(backend, model, inputs, expected, deadline, threadSeed,
                                calls, failures);
                        return null;
                    }));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            } finally {
                pool.shutdown();
                assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "threads finished");
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(failures.size(), 5)),
                failures.size() + " of " + calls.get() + " concurrent predictions failed");
        assertTrue(calls.get() >= THREADS * 10L, "only " + calls.get() + " predictions ran");
        assertEquals(before, backend.memory(), "live tensors after the model closed");
    }

    /** One thread's share: random batch sizes and predict forms until the deadline. */
    private static void predictUntil(Backend backend, Sequential model, float[][] inputs,
                                     float[][] expected, long deadline, long seed,
                                     AtomicLong calls, List<String> failures) {
        Random random = new Random(seed);
        List<Tensor[]> tensors = new ArrayList<>();
        try {
            for (int i = 0; i < BATCH_SIZES.length; i++) {
                tensors.add(new Tensor[] {
                        backend.fromArray(inputs[i], Shape.matrix(BATCH_SIZES[i], INPUTS)),
                        backend.zeros(Shape.matrix(BATCH_SIZES[i], 10))});
            }
            while (System.nanoTime() < deadline) {
                int i = random.nextInt(BATCH_SIZES.length);
                int form = random.nextInt(3);
                try {
                    float[] got = predict(backend, model, form, inputs[i], BATCH_SIZES[i],
                            tensors.get(i));
                    if (!Arrays.equals(expected[i], got)) {
                        record(failures, "batch " + BATCH_SIZES[i] + " form " + form
                                + ": output differs from the single-threaded one");
                    }
                } catch (RuntimeException e) {
                    record(failures, "batch " + BATCH_SIZES[i] + " form " + form + ": " + e);
                }
                calls.incrementAndGet();
            }
        } finally {
            tensors.forEach(pair -> Arrays.stream(pair).forEach(Tensor::close));
        }
    }

    private static float[] predict(Backend backend, Sequential model, int form, float[] input,
                                   int rows, Tensor[] tensors) {
        switch (form) {
            case 0:
                return model.predict(input, rows);
            case 1:
                float[][] byRow = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    byRow[r] = Arrays.copyOfRange(input, r * INPUTS, (r + 1) * INPUTS);
                }
                float[][] outputs = model.predict(byRow);
                float[] flat = new float[rows * outputs[0].length];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(outputs[r], 0, flat, r * outputs[r].length,
                            outputs[r].length);
                }
                return flat;
            default:
                model.predict(tensors[0], tensors[1]);
                return backend.toArray(tensors[1]);
        }
    }

    /**
     * While one thread trains a model (between {@code beginTraining} and {@code endTraining}, as
     * {@code Trainer.fit} does), another thread's predictions and training ({@code fit}
     * included) are refused naming the trainer; afterwards they work, and a closed model
     * refuses everything.
     */
    static void checkTrainingIsExclusive(Backend backend) throws Exception {
        try (Sequential model = Sequential.builder(4).dense(3, Activation.SOFTMAX)
                .build(backend, SEED);
             Tensor input = backend.zeros(Shape.matrix(2, 4));
             Tensor output = backend.zeros(Shape.matrix(2, 3))) {
            CountDownLatch training = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread trainer = new Thread(() -> {
                model.beginTraining();
                try {
                    training.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    model.endTraining();
                }
            }, "kit-trainer");
            trainer.start();
            try {
                assertTrue(training.await(30, TimeUnit.SECONDS), "the trainer started");
                String busy = "is being trained by thread 'kit-trainer'";
                refused(busy, () -> model.predict(new float[8], 2));
                refused(busy, () -> model.predict(input, output));
                refused(busy, () -> model.forward(input, true));
                refused(busy, model::beginTraining);
                refused(busy, () -> Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY)
                        .optimizer(new Sgd(0.1f)).build()
                        .fit(model, Dataset.ofClasses(new float[8], 4, new int[] {0, 2}, 3)));
                refused(busy, model::close);
            } finally {
                release.countDown();
                trainer.join(30_000);
            }
            assertEquals(6, model.predict(new float[8], 2).length, "predicts after training");
            model.beginTraining();
            model.endTraining();
            model.close();
            refused("has been closed", () -> model.predict(new float[8], 2));
            refused("has been closed", () -> model.forward(input, true));
        }
    }

    private static void refused(String message, Runnable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static void record(List<String> failures, String failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }
}
