package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.reference.ReferenceNetwork;
import io.nn4j.api.reference.ReferenceOps;
import java.util.ArrayList;
import java.util.List;

/**
 * Finite-difference gradient checks of whole small networks: the gradients a backend computes
 * for every parameter (forward, loss gradient, backward) are compared with central differences
 * of the mean batch loss, taken in float64 by a {@link ReferenceNetwork} copied from the
 * backend's network, within {@link Tolerances#GRADIENT_CHECK}.
 */
public final class GradientCheck {
    /** Examples per batch: the layers divide by it, so it must not be 1. */
    private static final int BATCH = 5;
    /** Features of the input rows. */
    private static final int INPUTS = 4;
    /** Width of the output layer. */
    private static final int OUTPUTS = 3;
    /** Central-difference step: float64 round-off ~1e-16/STEP, truncation ~STEP². */
    private static final double STEP = 1e-6;
    /**
     * Every pre-activation is kept at least this far from 0, where ReLU (and any later kinked
     * activation) bends: a step moves a pre-activation by ~STEP, float32 by ~1e-7.
     */
    private static final double KINK_MARGIN = 1e-4;
    /** Fresh draws of weights and data tried before giving up on keeping clear of the kink. */
    private static final int ATTEMPTS = 20;

    private GradientCheck() {
    }

    /**
     * A network of {@code layers} dense layers: {@code hidden} on every hidden layer, and on
     * the output the loss's fused activation, or {@code hidden} again for an unfused loss.
     */
    public record Case(Activation hidden, Loss loss, int layers) {

        /** The network: 4 inputs, hidden layers 6 then 5 wide, 3 outputs. */
        Sequential.Builder network() {
            Sequential.Builder builder = Sequential.builder(INPUTS);
            int[] widths = {6, 5};
            for (int i = 0; i < layers - 1; i++) {
                builder.dense(widths[i], hidden);
            }
            return builder.dense(OUTPUTS, loss.fusedActivation() != null
                    ? loss.fusedActivation() : hidden);
        }

        @Override
        public String toString() {
            return layers + " layers, hidden " + hidden.id() + ", loss " + loss.id();
        }
    }

    /** Every activation with every loss, in networks of two and three layers. */
    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Activation hidden : Activation.values()) {
            for (Loss loss : Loss.values()) {
                cases.add(new Case(hidden, loss, 2));
                cases.add(new Case(hidden, loss, 3));
            }
        }
        return cases;
    }

    /** Checks the gradients of one case's network on {@code backend}. */
    public static void check(Backend backend, Case c) {
        check(backend, c.network(), c.loss(), c.toString().hashCode());
    }

    /**
     * Builds {@code network} on {@code backend} (weights from {@code seed}, biases set to
     * random values), runs one forward/backward pass on a random batch and compares every
     * parameter's gradient with central differences of the float64 reference.
     */
    public static void check(Backend backend, Sequential.Builder network, Loss loss, long seed) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Sequential net = network.build(backend, seed + attempt)) {
                RandomTensors random = new RandomTensors(seed + attempt);
                for (Parameter p : net.parameters()) {
                    if (p.value().shape().rank() == 1) {
                        backend.copyIn(random.uniform(p.value().shape().size(), -0.5, 0.5), 0,
                                p.value());
                    }
                }
                ReferenceNetwork reference = ReferenceNetwork.copyOf(net);
                int inputs = net.inputSize();
                int outputs = net.outputSize();
                float[] x = random.uniform(BATCH * inputs, -1, 1);
                float[] y = loss.fusedActivation() != null
                        ? LossConformance.targets(loss, Shape.matrix(BATCH, outputs), random)
                        : random.uniform(BATCH * outputs, 0, 1);
                if (closestToKink(reference, ReferenceOps.widen(x)) < KINK_MARGIN) {
                    continue;
                }
                List<float[]> analytic = backendGradients(backend, net, loss, x, y);
                compare(net, reference, loss, x, y, analytic);
                return;
            }
        }
        fail("gradient check: no weights and data kept every pre-activation " + KINK_MARGIN
                + " away from 0 in " + ATTEMPTS + " attempts");
    }

    private static List<float[]> backendGradients(Backend backend, Sequential net, Loss loss,
                                                  float[] x, float[] y) {
        Shape outShape = Shape.matrix(BATCH, net.outputSize());
        try (Tensor tx = backend.fromArray(x, Shape.matrix(BATCH, net.inputSize()));
             Tensor ty = backend.fromArray(y, LossConformance.targetShape(loss, outShape));
             Tensor grad = RandomTensors.poisoned(backend, outShape)) {
            Tensor output = net.forward(tx, true);
            backend.lossGradient(loss, output, ty, grad);
            net.backward(grad, loss, ParameterUpdate.STORE_GRADIENT);
            List<float[]> gradients = new ArrayList<>();
            for (Parameter p : net.parameters()) {
                gradients.add(backend.toArray(p.gradient()));
            }
            return gradients;
        }
    }

    private static void compare(Sequential net, ReferenceNetwork reference, Loss loss,
                                float[] x, float[] y, List<float[]> analytic) {
        List<double[]> numeric = reference.numericGradients(loss, ReferenceOps.widen(x),
                ReferenceOps.widen(y), BATCH, STEP);
        for (int i = 0; i < numeric.size(); i++) {
            Parameter p = net.parameters().get(i);
            KitAssertions.assertClose("gradient check (" + net + ", loss " + loss.id()
                            + "): d loss / d " + p.name(), numeric.get(i), analytic.get(i),
                    p.value().shape().cols(), Tolerances.GRADIENT_CHECK);
        }
    }

    /** The smallest |pre-activation| anywhere in the network for this batch. */
    private static double closestToKink(ReferenceNetwork reference, double[] x) {
        double closest = Double.POSITIVE_INFINITY;
        for (double[] z : reference.forward(x, BATCH).z()) {
            for (double value : z) {
                closest = Math.min(closest, Math.abs(value));
            }
        }
        return closest;
    }
}
