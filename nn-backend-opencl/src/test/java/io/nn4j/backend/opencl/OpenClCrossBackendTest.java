package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.testkit.CrossBackendEquivalence;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import io.nn4j.backend.cpu.CpuBackendProvider;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Trains the same networks from the same seed on opencl and cpu and compares every step's
 * loss (the kit's {@link CrossBackendEquivalence}): the MNIST configuration on synthetic
 * digits-shaped data, a sigmoid/tanh network under mean squared error, Adam with weight decay
 * through dropout, and Nesterov momentum.
 */
class OpenClCrossBackendTest {

    @Test
    void mnistShapedNetworkMatchesCpuForHundredSteps() {
        Dataset data = classes(new Random(7), 1024, 784, 10);
        CrossBackendEquivalence.Losses losses = compare(CrossBackendEquivalence.Run.sgd(
                Sequential.builder(784).dense(128, Activation.RELU).dense(10, Activation.SOFTMAX),
                42, data, Loss.CATEGORICAL_CROSSENTROPY, 0.1f, 64, 100));
        assertFalling(losses.second());
    }

    @Test
    void sigmoidTanhNetworkUnderMseMatchesCpu() {
        Dataset data = classes(new Random(8), 300, 20, 4);
        CrossBackendEquivalence.Losses losses = compare(CrossBackendEquivalence.Run.sgd(
                Sequential.builder(20).dense(17, Activation.TANH).dense(9, Activation.IDENTITY)
                        .dense(4, Activation.SIGMOID),
                3, data, Loss.MEAN_SQUARED_ERROR, 0.5f, 30, 100));
        assertFalling(losses.second());
    }

    @Test
    void adamWithDropoutAndWeightDecayMatchesCpu() {
        Dataset data = classes(new Random(9), 400, 30, 5);
        CrossBackendEquivalence.Losses losses = compare(new CrossBackendEquivalence.Run(
                Sequential.builder(30).dense(24, Activation.GELU).dropout(0.25f)
                        .dense(12, Activation.ELU).dense(5, Activation.SOFTMAX),
                11, data, Loss.CATEGORICAL_CROSSENTROPY,
                () -> new Adam(0.003f).weightDecay(1e-3f), 40, 100));
        assertFalling(losses.second());
    }

    @Test
    void nesterovMomentumOnSiluAndSoftplusMatchesCpu() {
        Dataset data = classes(new Random(10), 300, 16, 3);
        CrossBackendEquivalence.Losses losses = compare(new CrossBackendEquivalence.Run(
                Sequential.builder(16).dense(20, Activation.SILU)
                        .dense(10, Activation.SOFTPLUS).dense(3, Activation.SOFTMAX),
                12, data, Loss.CATEGORICAL_CROSSENTROPY,
                () -> new Sgd(0.05f).momentum(0.9f, true), 30, 100));
        assertFalling(losses.second());
    }

    private static CrossBackendEquivalence.Losses compare(CrossBackendEquivalence.Run run) {
        try (Backend cpu = new CpuBackendProvider().create(BackendOptions.of(Map.of()));
             Backend cl = OpenClTestSupport.open()) {
            return CrossBackendEquivalence.assertEquivalent(cpu, cl, run);
        }
    }

    private static void assertFalling(List<Double> losses) {
        double first = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
        int n = losses.size();
        double last = (losses.get(n - 1) + losses.get(n - 2) + losses.get(n - 3)) / 3;
        assertTrue(last < first, "the loss did not fall: " + first + " -> " + last);
    }

    /** Examples of {@code classes} noisy prototypes in [0, 1], one-hot targets. */
    private static Dataset classes(Random random, int size, int features, int classes) {
        float[][] prototypes = new float[classes][features];
        for (float[] p : prototypes) {
            for (int j = 0; j < features; j++) {
                p[j] = random.nextFloat() < 0.2f ? 1f : 0f;
            }
        }
        float[] x = new float[size * features];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(classes);
            for (int j = 0; j < features; j++) {
                float v = prototypes[labels[i]][j] + 0.3f * (float) random.nextGaussian();
                x[i * features + j] = Math.min(1f, Math.max(0f, v));
            }
        }
        return Dataset.ofClasses(x, features, labels, classes);
    }
}
