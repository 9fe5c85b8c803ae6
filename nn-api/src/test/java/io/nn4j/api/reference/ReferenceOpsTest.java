package io.nn4j.api.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nn4j.api.Shape;
import org.junit.jupiter.api.Test;

/** Checks the reference ops on values worked out by hand. */
class ReferenceOpsTest {
    private static final double EXACT = 0;

    @Test
    void gemmHonoursTransposesAndScaling() {
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {1, 0, 0, 1, 1, 1};
        double[] c = {10, 20, 30, 40};
        // A [2, 3] times B [3, 2] is [[4, 5], [10, 11]]
        assertArrayEquals(new double[] {4, 5, 10, 11}, ReferenceOps.gemm(false, false, 1, a,
                Shape.matrix(2, 3), b, Shape.matrix(3, 2), 0, c), EXACT);
        // the same product from A stored transposed [3, 2] and B stored transposed [2, 3],
        // with alpha = 2 and beta = -1
        double[] aT = {1, 4, 2, 5, 3, 6};
        double[] bT = {1, 0, 1, 0, 1, 1};
        assertArrayEquals(new double[] {2 * 4 - 10, 2 * 5 - 20, 2 * 10 - 30, 2 * 11 - 40},
                ReferenceOps.gemm(true, true, 2, aT, Shape.matrix(3, 2), bT, Shape.matrix(2, 3),
                        -1, c), EXACT);
    }

    @Test
    void productRefusesOperandsThatDoNotFit() {
        double[] a = {1, 2, 3, 4, 5, 6};
        assertThrows(IllegalArgumentException.class, () -> ReferenceOps.product(false, false, a,
                Shape.matrix(2, 3), a, Shape.matrix(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> ReferenceOps.product(false, true, a,
                Shape.matrix(2, 3), new double[5], Shape.matrix(2, 3)));
    }

    @Test
    void columnSumsScaleAndAccumulate() {
        double[] m = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new double[] {2 * 5 - 1, 2 * 7, 2 * 9 + 1},
                ReferenceOps.columnSums(2, m, 2, 3, -1, new double[] {1, 0, -1}), EXACT);
    }

    @Test
    void argmaxTakesTheFirstOfTies() {
        double[] m = {1, 3, 3, 0, 0, 0};
        assertArrayEquals(new double[] {1, 0}, ReferenceOps.argmaxRows(m, 2, 3), EXACT);
        assertEquals(1, ReferenceOps.correctCount(m, new double[] {0, 1, 0, 0, 0, 1}, 2, 3, 3));
        assertEquals(2, ReferenceOps.correctCount(m, new double[] {1, 0}, 2, 3, 1));
        assertEquals(1, ReferenceOps.correctCount(m, new double[] {1, Double.NaN}, 2, 3, 1));
        assertEquals(2, ReferenceOps.correctCount(new double[] {0.5, 0.49}, new double[] {1, 0},
                2, 1, 1));
    }

    @Test
    void sgdUpdateDecaysTheWeights() {
        assertArrayEquals(new double[] {1 - 0.5 * (2 + 0.1 * 1)}, ReferenceOps.sgdUpdate(
                new double[] {1}, new double[] {2}, 0.5, 0.1), EXACT);
    }
}
