package io.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BlasThreadsTest {

    @Test
    void openBlasReadsItsOwnVariableFirstThenGotoThenOpenMpThenTakesEveryCore() {
        assertEquals(1, BlasThreads.configured(Map.of("OPENBLAS_NUM_THREADS", "1",
                "OMP_NUM_THREADS", "4"), 8));
        assertEquals(3, BlasThreads.configured(Map.of("GOTO_NUM_THREADS", "3",
                "OMP_NUM_THREADS", "4"), 8));
        assertEquals(4, BlasThreads.configured(Map.of("OMP_NUM_THREADS", "4"), 8));
        assertEquals(8, BlasThreads.configured(Map.of(), 8));
        assertEquals(8, BlasThreads.configured(Map.of("OPENBLAS_NUM_THREADS", "many"), 8),
                "a value that is no number is ignored, as OpenBLAS ignores it");
        assertEquals(2, BlasThreads.configured(Map.of("OPENBLAS_NUM_THREADS", "16"), 2),
                "never more than the cores");
    }
}
