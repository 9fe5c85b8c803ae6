package io.nn4j.api.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks the reference network by hand and its backprop against its own central differences. */
class ReferenceNetworkTest {
    private static final double CLOSE = 1e-12;
    private static final int[] SIZES = {3, 4, 2};
    private static final int ROWS = 3;

    @Test
    void forwardIsTheAffineMapThenTheActivation() {
        // one layer 2 -> 1: z = x·wᵀ + b with w = [2, -1], b = 0.5
        ReferenceNetwork net = new ReferenceNetwork(new int[] {2, 1}, List.of(Activation.RELU),
                List.of(new double[] {2, -1}, new double[] {0.5}));
        ReferenceNetwork.Forward forward = net.forward(new double[] {1, 1, 0, 3}, 2);
        assertArrayEquals(new double[] {1.5, -2.5}, forward.z().get(0), CLOSE);
        assertArrayEquals(new double[] {1.5, 0}, forward.output(), CLOSE);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backpropAgreesWithCentralDifferences(Activation hidden) {
        for (Loss loss : Loss.values()) {
            Activation output = loss.fusedActivation() != null ? loss.fusedActivation() : hidden;
            Random random = new Random(7);
            ReferenceNetwork net = new ReferenceNetwork(SIZES, List.of(hidden, output),
                    randomParameters(random));
            double[] x = uniform(random, ROWS * SIZES[0]);
            double[] y = targets(loss, random);
            List<double[]> backprop = net.backward(loss, net.forward(x, ROWS), y).parameters();
            List<double[]> numeric = net.numericGradients(loss, x, y, ROWS, 1e-6);
            for (int i = 0; i < backprop.size(); i++) {
                assertArrayEquals(numeric.get(i), backprop.get(i), 1e-7,
                        hidden.id() + " with " + loss.id() + ": parameter " + i);
            }
        }
    }

    @Test
    void sgdStepSubtractsTheScaledGradient() {
        Random random = new Random(11);
        ReferenceNetwork net = new ReferenceNetwork(SIZES, List.of(Activation.TANH,
                Activation.SOFTMAX), randomParameters(random));
        double[] x = uniform(random, ROWS * SIZES[0]);
        double[] y = targets(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, random);
        List<double[]> before = net.parameters();
        List<double[]> gradients = net.backward(Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
                net.forward(x, ROWS), y).parameters();
        net.sgdStep(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, x, y, ROWS, 0.1);
        List<double[]> after = net.parameters();
        for (int i = 0; i < before.size(); i++) {
            for (int j = 0; j < before.get(i).length; j++) {
                assertEquals(before.get(i)[j] - 0.1 * gradients.get(i)[j], after.get(i)[j],
                        CLOSE, "parameter " + i + " element " + j);
            }
        }
    }

    @Test
    void refusesParametersThatDoNotFitTheSizes() {
        assertThrows(IllegalArgumentException.class, () -> new ReferenceNetwork(new int[] {2, 1},
                List.of(Activation.RELU), List.of(new double[3], new double[1])));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceNetwork(new int[] {2, 1},
                List.of(), List.of(new double[2], new double[1])));
    }

    private static List<double[]> randomParameters(Random random) {
        List<double[]> parameters = new ArrayList<>();
        for (int l = 0; l + 1 < SIZES.length; l++) {
            parameters.add(uniform(random, SIZES[l] * SIZES[l + 1]));
            parameters.add(uniform(random, SIZES[l + 1]));
        }
        return parameters;
    }

    private static double[] targets(Loss loss, Random random) {
        int outputs = SIZES[SIZES.length - 1];
        if (loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY) {
            double[] indices = new double[ROWS];
            for (int r = 0; r < ROWS; r++) {
                indices[r] = random.nextInt(outputs);
            }
            return indices;
        }
        double[] y = new double[ROWS * outputs];
        for (int r = 0; r < ROWS; r++) {
            y[r * outputs + random.nextInt(outputs)] = 1;
        }
        return y;
    }

    private static double[] uniform(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() * 2 - 1;
        }
        return values;
    }
}
