package io.nn4j.api.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks the reference activations on values worked out by hand, and against differences. */
class ReferenceActivationsTest {
    private static final double EXACT = 0;
    private static final double CLOSE = 1e-12;

    @Test
    void activationsMatchTheirDefinitions() {
        double[] z = {-1, 0, 2};
        assertArrayEquals(new double[] {0, 0, 2},
                ReferenceActivations.activate(Activation.RELU, z, 1, 3), EXACT);
        assertEquals(0.5, ReferenceActivations.activate(Activation.SIGMOID, z, 1, 3)[1], EXACT);
        assertArrayEquals(new double[] {Activation.LEAKY_RELU_SLOPE * -1, 0, 2},
                ReferenceActivations.activate(Activation.LEAKY_RELU, z, 1, 3), EXACT);
        double sum = Math.exp(-1) + 1 + Math.exp(2);
        assertArrayEquals(new double[] {Math.exp(-1) / sum, 1 / sum, Math.exp(2) / sum},
                ReferenceActivations.activate(Activation.SOFTMAX, z, 1, 3), CLOSE);
        // the derivative of tanh at 0 is 1, of ReLU at 0 is 0
        double[] ones = {1, 1, 1};
        assertArrayEquals(new double[] {1 - Math.tanh(-1) * Math.tanh(-1), 1,
                1 - Math.tanh(2) * Math.tanh(2)},
                ReferenceActivations.backward(Activation.TANH, z, ones, 1, 3), CLOSE);
        assertArrayEquals(new double[] {0, 0, 1},
                ReferenceActivations.backward(Activation.RELU, z, ones, 1, 3), EXACT);
    }

    @Test
    void geluIsExact() {
        // GeLU(1) = Φ(1) = (1 + erf(1/√2)) / 2, tabulated as 0.8413447460685429
        assertEquals(0.8413447460685429,
                ReferenceActivations.activate(Activation.GELU, new double[] {1}, 1, 1)[0], 1e-15);
    }

    @Test
    void softmaxBackwardIsTheJacobianProduct() {
        double[] z = {0.3, -1.2, 0.8};
        double[] dA = {0.5, -2, 1};
        double[] a = ReferenceActivations.activate(Activation.SOFTMAX, z, 1, 3);
        double[] expected = new double[3];
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) {
                double jacobian = a[k] * ((j == k ? 1 : 0) - a[j]);
                expected[j] += dA[k] * jacobian;
            }
        }
        assertArrayEquals(expected, ReferenceActivations.backward(Activation.SOFTMAX, z, dA,
                1, 3), CLOSE);
        assertThrows(IllegalArgumentException.class,
                () -> ReferenceActivations.derivative(Activation.SOFTMAX, z));
    }

    @Test
    void erfMatchesTabulatedValues() {
        assertEquals(0.5204998778130465, ReferenceActivations.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, ReferenceActivations.erf(1), 1e-15);
        assertEquals(-0.9953222650189527, ReferenceActivations.erf(-2), 1e-15);
        assertEquals(0.9999779095030014, ReferenceActivations.erf(3), 1e-15);
        assertEquals(0.9999999845827421, ReferenceActivations.erf(4), 1e-15);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyBackwardIsTheDerivativeOfItsForward(Activation f) {
        double[] z = {-0.5, 0.25};
        double[] dA = {0.75, -1.5};
        double step = 1e-6;
        double[] dZ = ReferenceActivations.backward(f, z, dA, 1, 2);
        for (int i = 0; i < z.length; i++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[i] += step;
            minus[i] -= step;
            double difference = 0;
            double[] aPlus = ReferenceActivations.activate(f, plus, 1, 2);
            double[] aMinus = ReferenceActivations.activate(f, minus, 1, 2);
            for (int j = 0; j < z.length; j++) {
                difference += dA[j] * (aPlus[j] - aMinus[j]) / (2 * step);
            }
            assertEquals(difference, dZ[i], 1e-8, f + " element " + i);
        }
        assertTrue(Double.isFinite(dZ[0]) && Double.isFinite(dZ[1]), f.id());
    }
}
