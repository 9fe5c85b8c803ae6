package io.nn4j.api.reference;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.Shape;
import io.nn4j.api.nn.Dense;
import io.nn4j.api.nn.Layer;
import io.nn4j.api.nn.Sequential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stack of dense layers in float64, following the equations of {@link Dense} on a batch of
 * {@code M} rows: {@code Z = X·Wᵀ + b}, {@code A = f(Z)}; backward
 * {@code dZ = dA ∘ f'(Z)} (for a loss fused with the output activation, the loss gradient
 * itself), {@code dW = dZᵀ·X / M}, {@code db = column sums of dZ / M}, {@code dX = dZ·W}.
 * Parameters are listed as {@link Sequential#parameters()} lists them: per layer the weights
 * {@code [out, in]} (row-major), then the bias {@code [out]}.
 *
 * <p>It holds its own copy of the parameters, which {@link #sgdStep} changes. Mutable: not safe
 * to share between threads.
 */
public final class ReferenceNetwork {
    private final int[] sizes;
    private final List<Activation> activations;
    private final List<double[]> parameters;

    /**
     * The forward values of a batch.
     *
     * @param rows the examples in the batch
     * @param z    each layer's pre-activation {@code Z}, {@code [rows, out]}
     * @param a    the input (index 0), then each layer's output {@code A}
     */
    public record Forward(int rows, List<double[]> z, List<double[]> a) {
        /**
         * The network's output: the last entry of {@link #a()}.
         *
         * @return the last layer's {@code A}, {@code [rows, outputs]} (not a copy)
         */
        public double[] output() {
            return a.get(a.size() - 1);
        }
    }

    /**
     * The gradients of one backward pass.
     *
     * @param loss           the per-example loss gradient: with respect to the output layer's
     *                       {@code Z} for a fused loss, else with respect to its {@code A}
     * @param preActivations each layer's per-example error {@code dZ}, {@code [rows, out]}
     * @param inputs         each layer's per-example input gradient {@code dX = dZ·W},
     *                       {@code [rows, in]}
     * @param parameters     the gradient of the mean loss for every parameter, in order
     */
    public record Gradients(double[] loss, List<double[]> preActivations, List<double[]> inputs,
                            List<double[]> parameters) {
    }

    /**
     * A network of layer sizes {@code sizes} (input first) whose layer {@code l} (0-based)
     * applies {@code activations.get(l)}, with a copy of {@code parameters} (weights, bias per
     * layer).
     *
     * @param sizes       the layer widths, input first: {@code n + 1} entries for {@code n}
     *                    layers
     * @param activations each layer's activation, {@code n} entries
     * @param parameters  per layer the weights {@code [out, in]} then the bias {@code [out]},
     *                    {@code 2n} arrays; copied
     * @throws IllegalArgumentException when the counts or lengths do not fit the sizes
     */
    public ReferenceNetwork(int[] sizes, List<Activation> activations,
                            List<double[]> parameters) {
        int depth = sizes.length - 1;
        if (depth < 1 || activations.size() != depth || parameters.size() != 2 * depth) {
            throw new IllegalArgumentException("reference network: " + sizes.length + " sizes, "
                    + activations.size() + " activations and " + parameters.size()
                    + " parameters; expected n + 1 sizes, n activations, 2n parameters");
        }
        List<double[]> copies = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            checkLength(l, "weights", parameters.get(2 * l), sizes[l + 1] * sizes[l]);
            checkLength(l, "bias", parameters.get(2 * l + 1), sizes[l + 1]);
            copies.add(parameters.get(2 * l).clone());
            copies.add(parameters.get(2 * l + 1).clone());
        }
        this.sizes = sizes.clone();
        this.activations = List.copyOf(activations);
        this.parameters = copies;
    }

    /**
     * A float64 copy of {@code network}'s layers and current parameter values, read from its
     * backend.
     *
     * @param network a network of {@link Dense} layers only
     * @return a reference network with the same sizes, activations and parameter values,
     *     independent of {@code network} afterwards
     * @throws IllegalArgumentException when a layer is not {@link Dense}
     */
    public static ReferenceNetwork copyOf(Sequential network) {
        Backend backend = network.backend();
        List<Layer> layers = network.layers();
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = network.inputSize();
        List<Activation> activations = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            if (!(layers.get(l) instanceof Dense dense)) {
                throw new IllegalArgumentException("reference network: only Dense layers have a"
                        + " float64 reference, got " + layers.get(l));
            }
            sizes[l + 1] = dense.outputSize();
            activations.add(dense.activation());
            for (Parameter p : dense.parameters()) {
                values.add(ReferenceOps.widen(backend.toArray(p.value())));
            }
        }
        return new ReferenceNetwork(sizes, activations, values);
    }

    /**
     * A copy of every parameter's current value, in order.
     *
     * @return new arrays, per layer the weights then the bias; changing them changes nothing here
     */
    public List<double[]> parameters() {
        List<double[]> copies = new ArrayList<>();
        parameters.forEach(p -> copies.add(p.clone()));
        return copies;
    }

    /**
     * Runs every layer on a batch {@code x} of {@code rows} examples.
     *
     * @param x    the inputs, {@code [rows, inputs]} row-major; kept (not copied) as
     *             {@code a().get(0)}
     * @param rows the number of examples in {@code x}
     * @return each layer's {@code Z} and {@code A}, for {@link #backward}
     */
    public Forward forward(double[] x, int rows) {
        List<double[]> zs = new ArrayList<>();
        List<double[]> as = new ArrayList<>(List.of(x));
        double[] a = x;
        for (int l = 0; l < activations.size(); l++) {
            double[] z = ReferenceOps.addBias(ReferenceOps.product(false, true, a,
                    Shape.matrix(rows, sizes[l]), weights(l), Shape.matrix(sizes[l + 1], sizes[l])),
                    bias(l), rows, sizes[l + 1]);
            a = ReferenceActivations.activate(activations.get(l), z, rows, sizes[l + 1]);
            zs.add(z);
            as.add(a);
        }
        return new Forward(rows, Collections.unmodifiableList(zs),
                Collections.unmodifiableList(as));
    }

    /**
     * The mean loss of the batch {@code x} of {@code rows} examples against targets {@code y}.
     *
     * @param loss the loss function, applied to the network's output
     * @param x    the inputs, {@code [rows, inputs]} row-major
     * @param y    the targets: {@code loss.targetColumns(outputs)} values per row
     * @param rows the number of examples
     * @return the mean over the rows of the per-example loss, with the current parameters
     */
    public double meanLoss(Loss loss, double[] x, double[] y, int rows) {
        return ReferenceLosses.meanLoss(loss, forward(x, rows).output(), y, rows, outputs());
    }

    /**
     * Back-propagates {@code loss} against targets {@code y} from a forward pass.
     *
     * @param loss    the loss function; when it is fused with the output activation, its
     *                gradient is taken as the output layer's {@code dZ}
     * @param forward a forward pass of this network with its current parameters
     * @param y       the targets: {@code loss.targetColumns(outputs)} values per row
     * @return the loss gradient, each layer's {@code dZ} and {@code dX}, and the parameter
     *     gradients of the mean loss
     */
    public Gradients backward(Loss loss, Forward forward, double[] y) {
        int rows = forward.rows();
        int depth = activations.size();
        double[] lossGradient = ReferenceLosses.gradient(loss, forward.output(), y, rows,
                outputs());
        double[][] dZs = new double[depth][];
        double[][] dXs = new double[depth][];
        double[][] gradients = new double[2 * depth][];
        double[] upstream = lossGradient;
        for (int l = depth - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] dZ = l == depth - 1 && loss.fusedActivation() != null ? upstream
                    : ReferenceActivations.backward(activations.get(l), forward.z().get(l),
                            upstream, rows, out);
            double[] dW = ReferenceOps.product(true, false, dZ, Shape.matrix(rows, out),
                    forward.a().get(l), Shape.matrix(rows, in));
            for (int i = 0; i < dW.length; i++) {
                dW[i] /= rows;
            }
            gradients[2 * l] = dW;
            gradients[2 * l + 1] = ReferenceOps.columnSums(1.0 / rows, dZ, rows, out, 0, null);
            dZs[l] = dZ;
            dXs[l] = ReferenceOps.product(false, false, dZ, Shape.matrix(rows, out), weights(l),
                    Shape.matrix(out, in));
            upstream = dXs[l];
        }
        return new Gradients(lossGradient, List.of(dZs), List.of(dXs), List.of(gradients));
    }

    /**
     * Central differences {@code (C(θ + step) − C(θ − step)) / 2 step} of the mean loss for
     * every parameter, in order; each parameter is put back exactly as it was.
     *
     * @param loss the loss function
     * @param x    the inputs, {@code [rows, inputs]} row-major
     * @param y    the targets: {@code loss.targetColumns(outputs)} values per row
     * @param rows the number of examples
     * @param step the perturbation added to and subtracted from each parameter value
     * @return one new array per parameter, shaped like it, of the estimated gradients
     */
    public List<double[]> numericGradients(Loss loss, double[] x, double[] y, int rows,
                                           double step) {
        List<double[]> gradients = new ArrayList<>();
        for (double[] values : parameters) {
            double[] numeric = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                double saved = values[i];
                values[i] = saved + step;
                double plus = meanLoss(loss, x, y, rows);
                values[i] = saved - step;
                double minus = meanLoss(loss, x, y, rows);
                values[i] = saved;
                numeric[i] = (plus - minus) / (2 * step);
            }
            gradients.add(numeric);
        }
        return gradients;
    }

    /**
     * One step of plain gradient descent on the batch: every parameter
     * {@code θ ← θ − learningRate · ∂C/∂θ} for the mean loss {@code C}.
     *
     * @param loss         the loss function
     * @param x            the inputs, {@code [rows, inputs]} row-major
     * @param y            the targets: {@code loss.targetColumns(outputs)} values per row
     * @param rows         the number of examples
     * @param learningRate the step size; no weight decay is applied
     */
    public void sgdStep(Loss loss, double[] x, double[] y, int rows, double learningRate) {
        List<double[]> gradients = backward(loss, forward(x, rows), y).parameters();
        for (int i = 0; i < parameters.size(); i++) {
            parameters.set(i, ReferenceOps.sgdUpdate(parameters.get(i), gradients.get(i),
                    learningRate, 0));
        }
    }

    private double[] weights(int layer) {
        return parameters.get(2 * layer);
    }

    private double[] bias(int layer) {
        return parameters.get(2 * layer + 1);
    }

    private int outputs() {
        return sizes[sizes.length - 1];
    }

    private static void checkLength(int layer, String what, double[] values, int expected) {
        if (values.length != expected) {
            throw new IllegalArgumentException("reference network: layer " + layer + " " + what
                    + " has " + values.length + " values; expected " + expected);
        }
    }
}
