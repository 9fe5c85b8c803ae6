package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Dense;
import io.nn4j.api.nn.Layer;
import io.nn4j.api.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * Finite-difference gradient checks of whole small networks: the gradients a backend computes
 * for every parameter (forward, loss gradient, backward) are compared with central differences
 * of the mean batch loss, taken in float64 by a reference forward pass over the same weights
 * (read back from the backend), within {@link Tolerances#GRADIENT_CHECK}.
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
                List<ReferenceLayer> layers = readLayers(backend, net);
                int inputs = net.inputSize();
                int outputs = net.outputSize();
                float[] x = random.uniform(BATCH * inputs, -1, 1);
                float[] y = loss.fusedActivation() != null
                        ? LossConformance.targets(loss, Shape.matrix(BATCH, outputs), random)
                        : random.uniform(BATCH * outputs, 0, 1);
                if (closestToKink(layers, ReferenceOps.widen(x)) < KINK_MARGIN) {
                    continue;
                }
                List<float[]> analytic = backendGradients(backend, net, loss, x, y);
                compare(net, layers, loss, x, y, analytic);
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

    private static void compare(Sequential net, List<ReferenceLayer> layers, Loss loss,
                                float[] x, float[] y, List<float[]> analytic) {
        double[] input = ReferenceOps.widen(x);
        double[] target = ReferenceOps.widen(y);
        int index = 0;
        for (ReferenceLayer layer : layers) {
            for (double[] values : List.of(layer.weights, layer.bias)) {
                double[] numeric = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    double saved = values[i];
                    values[i] = saved + STEP;
                    double plus = meanLoss(layers, input, target, loss);
                    values[i] = saved - STEP;
                    double minus = meanLoss(layers, input, target, loss);
                    values[i] = saved;
                    numeric[i] = (plus - minus) / (2 * STEP);
                }
                Parameter p = net.parameters().get(index);
                KitAssertions.assertClose("gradient check (" + net + ", loss " + loss.id()
                                + "): d loss / d " + p.name(), numeric, analytic.get(index),
                        p.value().shape().cols(), Tolerances.GRADIENT_CHECK);
                index++;
            }
        }
    }

    private static double meanLoss(List<ReferenceLayer> layers, double[] x, double[] y,
                                   Loss loss) {
        double[] a = x;
        for (ReferenceLayer layer : layers) {
            a = ReferenceOps.activate(layer.activation, layer.preActivation(a), BATCH,
                    layer.outputs);
        }
        return ReferenceOps.meanLoss(loss, a, y, BATCH, layers.get(layers.size() - 1).outputs);
    }

    /** The smallest |pre-activation| anywhere in the network for this batch. */
    private static double closestToKink(List<ReferenceLayer> layers, double[] x) {
        double closest = Double.POSITIVE_INFINITY;
        double[] a = x;
        for (ReferenceLayer layer : layers) {
            double[] z = layer.preActivation(a);
            for (double value : z) {
                closest = Math.min(closest, Math.abs(value));
            }
            a = ReferenceOps.activate(layer.activation, z, BATCH, layer.outputs);
        }
        return closest;
    }

    private static List<ReferenceLayer> readLayers(Backend backend, Sequential net) {
        List<ReferenceLayer> layers = new ArrayList<>();
        for (Layer layer : net.layers()) {
            if (!(layer instanceof Dense dense)) {
                throw new IllegalArgumentException("gradient check: only Dense layers have a "
                        + "reference, got " + layer);
            }
            List<Parameter> parameters = dense.parameters();
            layers.add(new ReferenceLayer(
                    ReferenceOps.widen(backend.toArray(parameters.get(0).value())),
                    ReferenceOps.widen(backend.toArray(parameters.get(1).value())),
                    dense.inputSize(), dense.outputSize(), dense.activation()));
        }
        return layers;
    }

    /** A dense layer's weights {@code [outputs, inputs]} and bias in float64, perturbed by FD. */
    private record ReferenceLayer(double[] weights, double[] bias, int inputs, int outputs,
                                  Activation activation) {

        /** {@code Z = X·Wᵀ + b} for a batch {@code X}. */
        double[] preActivation(double[] x) {
            return ReferenceOps.addBias(ReferenceOps.matmul(x, BATCH, weights, outputs, inputs),
                    bias, BATCH, outputs);
        }
    }
}
