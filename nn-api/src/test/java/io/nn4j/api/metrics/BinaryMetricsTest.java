package io.nn4j.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Binary counts at a threshold, and how moving the threshold trades precision for recall. */
class BinaryMetricsTest {
    private final float[] probabilities = {0.9f, 0.8f, 0.6f, 0.4f, 0.3f, 0.55f};
    private final boolean[] positive = {true, true, false, true, false, false};

    @Test
    void countsAtTheDefaultThreshold() {
        BinaryMetrics m = BinaryMetrics.at(BinaryMetrics.DEFAULT_THRESHOLD, probabilities, positive);
        assertEquals(new BinaryMetrics(0.5, 2, 2, 1, 1), m);
        assertEquals(0.5, m.precision(), 1e-12);
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(0.5, m.accuracy(), 1e-12);
    }

    @Test
    void aHigherThresholdRaisesPrecisionAndLowersRecall() {
        BinaryMetrics m = BinaryMetrics.at(0.7, probabilities, positive);
        assertEquals(1.0, m.precision(), 1e-12);
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(0.8, m.f1(), 1e-12);
    }

    @Test
    void rejectsBadThresholdsAndLengths() {
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.at(1.5, probabilities, positive));
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.at(0.5, probabilities, new boolean[2]));
    }
}
