package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.testkit.RandomTensors;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ops large enough to be split between threads give bit for bit what one thread gives, and the
 * splitter covers every index exactly once.
 */
class CpuParallelTest {
    private static final Shape BATCH = Shape.matrix(512, 1024);
    private static final Shape WEIGHTS = Shape.matrix(1024, 784);

    private static Backend withThreads(int threads) {
        return new CpuBackendProvider().create(BackendOptions.of(
                Map.of(CpuBackendProvider.THREADS_OPTION, String.valueOf(threads))));
    }

    @FunctionalInterface
    private interface Op {
        float[] run(Backend backend, RandomTensors random);
    }

    private static void assertSameOnOneAndFourThreads(String what, Op op) {
        float[] single;
        float[] split;
        try (Backend one = withThreads(1)) {
            single = op.run(one, RandomTensors.forCase(what));
        }
        try (Backend four = withThreads(4)) {
            split = op.run(four, RandomTensors.forCase(what));
        }
        assertArrayEquals(single, split, what);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsSplitByRows(Activation f) {
        assertSameOnOneAndFourThreads("forward and backward " + f, (backend, random) -> {
            try (Tensor z = backend.fromArray(random.uniform(BATCH.size(), -3, 3), BATCH);
                 Tensor bias = backend.fromArray(random.uniform(1024, -1, 1), Shape.vector(1024));
                 Tensor a = backend.zeros(BATCH);
                 Tensor dA = backend.fromArray(random.uniform(BATCH.size(), -1, 1), BATCH);
                 Tensor sums = backend.zeros(Shape.vector(1024))) {
                backend.biasActivation(f, z, bias, a);
                backend.activationBackward(f, z, a, dA, dA);
                backend.columnSums(0.5f, dA, 0f, sums);
                float[] out = backend.toArray(dA);
                float[] s = backend.toArray(sums);
                float[] both = new float[out.length + s.length];
                System.arraycopy(out, 0, both, 0, out.length);
                System.arraycopy(s, 0, both, out.length, s.length);
                return both;
            }
        });
    }

    @Test
    void adamSplitsByElements() {
        assertSameOnOneAndFourThreads("adam", (backend, random) -> {
            try (Tensor p = backend.fromArray(random.uniform(WEIGHTS.size(), -1, 1), WEIGHTS);
                 Tensor g = backend.fromArray(random.uniform(WEIGHTS.size(), -1, 1), WEIGHTS);
                 Tensor m = backend.zeros(WEIGHTS);
                 Tensor v = backend.zeros(WEIGHTS)) {
                for (int t = 1; t <= 3; t++) {
                    backend.adamUpdate(p, g, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, 1e-4f, t);
                }
                return backend.toArray(p);
            }
        });
    }

    @Test
    void everyIndexIsVisitedOnce() {
        try (CpuParallel parallel = new CpuParallel(3)) {
            int n = CpuParallel.MIN_WORK + 7;
            AtomicInteger[] visits = new AtomicInteger[n];
            for (int i = 0; i < n; i++) {
                visits[i] = new AtomicInteger();
            }
            for (int round = 0; round < 5; round++) {
                parallel.forRange(n, CpuParallel.CHEAP, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits[i].incrementAndGet();
                    }
                });
            }
            for (AtomicInteger visit : visits) {
                assertTrue(visit.get() == 5, "an index was visited " + visit.get() + " times");
            }
        }
    }

    @Test
    void aFailingPartFailsTheCall() {
        try (CpuParallel parallel = new CpuParallel(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> parallel.forRange(CpuParallel.MIN_WORK, CpuParallel.CHEAP, (from, to) -> {
                        if (from > 0) {
                            throw new ArithmeticException("boom");
                        }
                    }));
            assertTrue(e.getMessage().contains("boom"), e.getMessage());
        }
    }
}
