package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks the oracle itself on values worked out by hand, and that it knows every enum value. */
class ReferenceOpsTest {
    private static final double EXACT = 0;
    private static final double CLOSE = 1e-12;

    @Test
    void gemmHonoursTransposesAndScaling() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {1, 0, 0, 1, 1, 1};
        float[] c = {10, 20, 30, 40};
        // A [2, 3] times B [3, 2] is [[4, 5], [10, 11]]
        assertArrayEquals(new double[] {4, 5, 10, 11}, ReferenceOps.gemm(false, false, 1, a,
                Shape.matrix(2, 3), b, Shape.matrix(3, 2), 0, c), EXACT);
        // the same product from A stored transposed [3, 2] and B stored transposed [2, 3],
        // with alpha = 2 and beta = -1
        float[] aT = {1, 4, 2, 5, 3, 6};
        float[] bT = {1, 0, 1, 0, 1, 1};
        assertArrayEquals(new double[] {2 * 4 - 10, 2 * 5 - 20, 2 * 10 - 30, 2 * 11 - 40},
                ReferenceOps.gemm(true, true, 2, aT, Shape.matrix(3, 2), bT, Shape.matrix(2, 3),
                        -1, c), EXACT);
    }

    @Test
    void activationsMatchTheirDefinitions() {
        double[] z = {-1, 0, 2};
        assertArrayEquals(new double[] {0, 0, 2}, ReferenceOps.activate(Activation.RELU, z, 1, 3),
                EXACT);
        assertEquals(0.5, ReferenceOps.activate(Activation.SIGMOID, z, 1, 3)[1], EXACT);
        double sum = Math.exp(-1) + 1 + Math.exp(2);
        assertArrayEquals(new double[] {Math.exp(-1) / sum, 1 / sum, Math.exp(2) / sum},
                ReferenceOps.activate(Activation.SOFTMAX, z, 1, 3), CLOSE);
        // the derivative of tanh at 0 is 1, of ReLU at 0 is 0
        double[] ones = {1, 1, 1};
        assertArrayEquals(new double[] {1 - Math.tanh(-1) * Math.tanh(-1), 1,
                1 - Math.tanh(2) * Math.tanh(2)},
                ReferenceOps.activationBackward(Activation.TANH, z, ones, 1, 3), CLOSE);
        assertArrayEquals(new double[] {0, 0, 1},
                ReferenceOps.activationBackward(Activation.RELU, z, ones, 1, 3), EXACT);
    }

    @Test
    void softmaxBackwardIsTheJacobianProduct() {
        double[] z = {0.3, -1.2, 0.8};
        double[] dA = {0.5, -2, 1};
        double[] a = ReferenceOps.activate(Activation.SOFTMAX, z, 1, 3);
        double[] expected = new double[3];
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) {
                double jacobian = a[k] * ((j == k ? 1 : 0) - a[j]);
                expected[j] += dA[k] * jacobian;
            }
        }
        assertArrayEquals(expected, ReferenceOps.activationBackward(Activation.SOFTMAX, z, dA,
                1, 3), CLOSE);
    }

    @Test
    void lossesMatchTheirDefinitions() {
        double[] a = {0.2, 0.7, 0.1, 0, 1, 0};
        double[] y = {0, 1, 0, 1, 0, 0};
        assertArrayEquals(new double[] {(0.04 + 0.09 + 0.01) / 3, 2.0 / 3},
                ReferenceOps.exampleLosses(Loss.MEAN_SQUARED_ERROR, a, y, 2, 3), CLOSE);
        assertArrayEquals(new double[] {-Math.log(0.7), -Math.log(Loss.LOG_CLAMP)},
                ReferenceOps.exampleLosses(Loss.CATEGORICAL_CROSSENTROPY, a, y, 2, 3), CLOSE);
        assertArrayEquals(new double[] {0.4 / 3, -0.6 / 3, 0.2 / 3, -2.0 / 3, 2.0 / 3, 0},
                ReferenceOps.lossGradient(Loss.MEAN_SQUARED_ERROR, a, y, 2, 3), CLOSE);
    }

    @Test
    void argmaxTakesTheFirstOfTies() {
        float[] m = {1, 3, 3, 0, 0, 0};
        assertArrayEquals(new double[] {1, 0}, ReferenceOps.argmaxRows(m, 2, 3), EXACT);
        assertEquals(1, ReferenceOps.correctCount(m, new float[] {0, 1, 0, 0, 0, 1}, 2, 3, 3));
        assertEquals(2, ReferenceOps.correctCount(m, new float[] {1, 0}, 2, 3, 1));
        assertEquals(2, ReferenceOps.correctCount(new float[] {0.5f, 0.49f}, new float[] {1, 0},
                2, 1, 1));
    }

    @Test
    void erfMatchesTabulatedValues() {
        assertEquals(0.5204998778130465, ReferenceOps.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, ReferenceOps.erf(1), 1e-15);
        assertEquals(-0.9953222650189527, ReferenceOps.erf(-2), 1e-15);
        assertEquals(0.9999779095030014, ReferenceOps.erf(3), 1e-15);
        assertEquals(0.9999999845827421, ReferenceOps.erf(4), 1e-15);
    }

    @Test
    void sparseAndBinaryLossesMatchTheirDefinitions() {
        double[] a = {0.2, 0.7, 0.1, 0.5, 0.3, 0.2};
        assertArrayEquals(new double[] {-Math.log(0.7), -Math.log(0.2)},
                ReferenceOps.exampleLosses(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, a,
                        new double[] {1, 2}, 2, 3), CLOSE);
        assertArrayEquals(new double[] {0.2, -0.3, 0.1, 0.5, 0.3, -0.8},
                ReferenceOps.lossGradient(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, a,
                        new double[] {1, 2}, 2, 3), CLOSE);
        double[] p = {0.9, 0.2};
        assertArrayEquals(new double[] {-(Math.log(0.9) + Math.log(0.8)) / 2},
                ReferenceOps.exampleLosses(Loss.BINARY_CROSSENTROPY, p, new double[] {1, 0}, 1, 2),
                CLOSE);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationHasAReference(Activation f) {
        double[] z = {-0.5, 0.25};
        assertDoesNotThrow(() -> ReferenceOps.activate(f, z, 1, 2));
        assertDoesNotThrow(() -> ReferenceOps.activationBackward(f, z, z, 1, 2));
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void everyLossHasAReference(Loss loss) {
        double[] a = {0.25, 0.75};
        double[] y = {0, 1};
        assertDoesNotThrow(() -> ReferenceOps.exampleLosses(loss, a, y, 1, 2));
        assertDoesNotThrow(() -> ReferenceOps.lossGradient(loss, a, y, 1, 2));
    }
}
