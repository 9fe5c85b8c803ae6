package io.nn4j.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Counts and per-class metrics on a hand-worked three-class example. */
class ConfusionMatrixTest {
    // true:      0 0 0 0 1 1 1 2 2 2
    // predicted: 0 0 1 2 1 1 0 2 2 2
    private final ConfusionMatrix matrix = ConfusionMatrix.of(
            new int[] {0, 0, 0, 0, 1, 1, 1, 2, 2, 2},
            new int[] {0, 0, 1, 2, 1, 1, 0, 2, 2, 2}, 3);

    @Test
    void countsPairs() {
        assertEquals(2, matrix.count(0, 0));
        assertEquals(1, matrix.count(0, 1));
        assertEquals(1, matrix.count(1, 0));
        assertEquals(0, matrix.count(2, 1));
        assertEquals(10, matrix.total());
        assertEquals(0.7, matrix.accuracy(), 1e-12);
    }

    @Test
    void perClassPrecisionRecallAndF1() {
        assertEquals(2.0 / 3, matrix.precision(0), 1e-12); // predicted 0: three, two right
        assertEquals(0.5, matrix.recall(0), 1e-12); // true 0: four, two found
        assertEquals(2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), matrix.f1(0), 1e-12);
        assertEquals(0.75, matrix.precision(2), 1e-12);
        assertEquals(1.0, matrix.recall(2), 1e-12);
    }

    @Test
    void emptyClassesGiveZeroNotNaN() {
        ConfusionMatrix empty = new ConfusionMatrix(2);
        assertEquals(0, empty.precision(1));
        assertEquals(0, empty.f1(1));
        assertEquals(0, empty.accuracy());
    }

    @Test
    void aCopyIsEqualAndIndependent() {
        ConfusionMatrix copy = matrix.copy();
        assertEquals(matrix, copy);
        assertEquals(matrix.hashCode(), copy.hashCode());
        copy.add(2, 1);
        assertNotEquals(matrix, copy);
        assertEquals(10, matrix.total());
        assertNotEquals(new ConfusionMatrix(2), new ConfusionMatrix(3));
    }

    @Test
    void classificationMetricsKeepTheirOwnCopy() {
        ConfusionMatrix counts = matrix.copy();
        ClassificationMetrics metrics = new ClassificationMetrics(counts, 2, 0.9);
        counts.add(0, 0);
        metrics.confusion().add(0, 0);
        assertEquals(matrix, metrics.confusion());
        assertEquals(matrix.macroF1(), metrics.macroF1(), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> new ClassificationMetrics(matrix, 0, 1));
    }

    @Test
    void rejectsClassesOutOfRangeAndMismatchedLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> matrix.add(3, 0));
        assertEquals("actual class 3 is outside [0, 3)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[2], new int[3], 3));
    }
}
