package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** GEMM without the process-wide lock, for the bundled OpenBLAS at one thread per call. */
class BlasGemmConcurrencyTest {

    @Test
    void oneThreadPerCallIsReadAsOpenBlasReadsItsVariables() {
        assertTrue(BlasGemm.oneThreadPerCall(Map.of("OPENBLAS_NUM_THREADS", "1")));
        assertFalse(BlasGemm.oneThreadPerCall(Map.of("OPENBLAS_NUM_THREADS", "2",
                "OMP_NUM_THREADS", "1")), "its own variable comes first");
        assertTrue(BlasGemm.oneThreadPerCall(Map.of("OPENBLAS_NUM_THREADS", "0",
                "OMP_NUM_THREADS", "1")), "0 is no count; OpenMP's variable is read next");
        assertTrue(BlasGemm.oneThreadPerCall(Map.of("GOTO_NUM_THREADS", " 1 ")));
        assertFalse(BlasGemm.oneThreadPerCall(Map.of()), "unset: every core");
        assertFalse(BlasGemm.oneThreadPerCall(Map.of("OPENBLAS_NUM_THREADS", "one")));
    }

    @Test
    void callsFromFourThreadsAtOnceGiveTheSerialResults() throws Exception {
        NativeBlasLibrary.Loaded loaded = NativeBlasLibrary.load(null);
        BlasGemm locked = new BlasGemm(loaded.blas(), loaded.library(), false);
        BlasGemm free = new BlasGemm(loaded.blas(), loaded.library(), true);
        Random random = new Random(3);
        FMatrixRMaj a = random(random, 65, 127);
        FMatrixRMaj b = random(random, 33, 127);
        FMatrixRMaj expected = new FMatrixRMaj(65, 33);
        locked.gemm(false, true, 1f, a, b, 0f, expected);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FMatrixRMaj>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    FMatrixRMaj c = new FMatrixRMaj(65, 33);
                    FMatrixRMaj last = new FMatrixRMaj(65, 33);
                    for (int i = 0; i < 300; i++) {
                        free.gemm(false, true, 1f, a, b, 0f, c);
                        if (i > 0) {
                            assertArrayEquals(last.data, c.data, "call " + i);
                        }
                        last.setTo(c);
                    }
                    return c;
                }));
            }
            for (Future<FMatrixRMaj> result : results) {
                assertArrayEquals(expected.data, result.get().data);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(free.name().endsWith("one OpenBLAS thread per call, calls from threads at "
                + "once"), free.name());
    }

    private static FMatrixRMaj random(Random random, int rows, int cols) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) random.nextGaussian();
        }
        return m;
    }
}
