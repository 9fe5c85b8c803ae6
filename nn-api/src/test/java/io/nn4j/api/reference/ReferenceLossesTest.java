package io.nn4j.api.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks the reference losses on values worked out by hand. */
class ReferenceLossesTest {
    private static final double CLOSE = 1e-12;

    @Test
    void lossesMatchTheirDefinitions() {
        double[] a = {0.2, 0.7, 0.1, 0, 1, 0};
        double[] y = {0, 1, 0, 1, 0, 0};
        assertArrayEquals(new double[] {(0.04 + 0.09 + 0.01) / 3, 2.0 / 3},
                ReferenceLosses.exampleLosses(Loss.MEAN_SQUARED_ERROR, a, y, 2, 3), CLOSE);
        assertArrayEquals(new double[] {-Math.log(0.7), -Math.log(Loss.LOG_CLAMP)},
                ReferenceLosses.exampleLosses(Loss.CATEGORICAL_CROSSENTROPY, a, y, 2, 3), CLOSE);
        assertEquals((-Math.log(0.7) - Math.log(Loss.LOG_CLAMP)) / 2,
                ReferenceLosses.meanLoss(Loss.CATEGORICAL_CROSSENTROPY, a, y, 2, 3), CLOSE);
        assertArrayEquals(new double[] {0.4 / 3, -0.6 / 3, 0.2 / 3, -2.0 / 3, 2.0 / 3, 0},
                ReferenceLosses.gradient(Loss.MEAN_SQUARED_ERROR, a, y, 2, 3), CLOSE);
    }

    @Test
    void sparseAndBinaryLossesMatchTheirDefinitions() {
        double[] a = {0.2, 0.7, 0.1, 0.5, 0.3, 0.2};
        assertArrayEquals(new double[] {-Math.log(0.7), -Math.log(0.2)},
                ReferenceLosses.exampleLosses(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, a,
                        new double[] {1, 2}, 2, 3), CLOSE);
        assertArrayEquals(new double[] {0.2, -0.3, 0.1, 0.5, 0.3, -0.8},
                ReferenceLosses.gradient(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, a,
                        new double[] {1, 2}, 2, 3), CLOSE);
        double[] p = {0.9, 0.2};
        assertArrayEquals(new double[] {-(Math.log(0.9) + Math.log(0.8)) / 2},
                ReferenceLosses.exampleLosses(Loss.BINARY_CROSSENTROPY, p, new double[] {1, 0},
                        1, 2), CLOSE);
        assertArrayEquals(new double[] {-0.1 / 2, 0.2 / 2},
                ReferenceLosses.gradient(Loss.BINARY_CROSSENTROPY, p, new double[] {1, 0}, 1, 2),
                CLOSE);
    }

    @Test
    void aSparseIndexThatIsNoClassGivesItsRowNaN() {
        double[] a = {0.2, 0.7, 0.1, 0.5, 0.3, 0.2};
        double[] y = {1.5, 0};
        double[] losses = ReferenceLosses.exampleLosses(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, a,
                y, 2, 3);
        assertTrue(Double.isNaN(losses[0]));
        assertEquals(-Math.log(0.5), losses[1], CLOSE);
        double[] gradient = ReferenceLosses.gradient(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, a, y,
                2, 3);
        for (int j = 0; j < 3; j++) {
            assertTrue(Double.isNaN(gradient[j]), "element " + j);
        }
        assertArrayEquals(new double[] {-0.5, 0.3, 0.2},
                new double[] {gradient[3], gradient[4], gradient[5]}, CLOSE);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void everyLossHasAFiniteReference(Loss loss) {
        double[] a = {0.25, 0.75};
        double[] y = {0, 1};
        double[] target = loss.targetColumns(2) == 1 ? new double[] {1} : y;
        assertTrue(Double.isFinite(ReferenceLosses.meanLoss(loss, a, target, 1, 2)), loss.id());
        for (double g : ReferenceLosses.gradient(loss, a, target, 1, 2)) {
            assertTrue(Double.isFinite(g), loss.id());
        }
    }
}
