package io.nn4j.mnist;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import java.util.ArrayList;
import java.util.List;

/**
 * A small dense network computed in double on the host, one example at a time, in the row
 * notation of {@code docs/math.md}: {@code z = a_prev·Wᵀ + b}, {@code a = f(z)}. It gives the
 * {@code explain} command the forward values, the loss, the errors δ of the backprop equations
 * and central finite differences of the loss, to set beside a backend's float32 gradients.
 *
 * <p>The weights are copied; a finite difference nudges one and puts it back.
 */
final class HostNetwork {
    private final int[] sizes;
    private final List<Activation> activations;
    private final Loss loss;
    private final double[][] weights;
    private final double[][] biases;

    /**
     * The forward values of one example.
     *
     * @param z the pre-activations of each layer
     * @param a the input (index 0), then each layer's activations
     */
    record Forward(List<double[]> z, List<double[]> a) {
        /** The network's output. */
        double[] output() {
            return a.get(a.size() - 1);
        }
    }

    /**
     * A network of layer sizes {@code sizes} (input first) whose layer {@code l} (0-based) applies
     * {@code activations.get(l)}, with weights {@code [sizes[l+1], sizes[l]]} row-major and biases
     * copied from the given arrays.
     */
    HostNetwork(int[] sizes, List<Activation> activations, Loss loss, float[][] weights,
                float[][] biases) {
        this.sizes = sizes.clone();
        this.activations = List.copyOf(activations);
        this.loss = loss;
        this.weights = new double[weights.length][];
        this.biases = new double[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            this.weights[l] = toDouble(weights[l]);
            this.biases[l] = toDouble(biases[l]);
        }
    }

    /** Runs every layer on the input row {@code x}. */
    Forward forward(double[] x) {
        List<double[]> zs = new ArrayList<>();
        List<double[]> as = new ArrayList<>(List.of(x));
        double[] a = x;
        for (int l = 0; l < weights.length; l++) {
            double[] z = new double[sizes[l + 1]];
            for (int j = 0; j < z.length; j++) {
                z[j] = biases[l][j];
                for (int i = 0; i < a.length; i++) {
                    z[j] += a[i] * weights[l][j * a.length + i];
                }
            }
            a = activate(activations.get(l), z);
            zs.add(z);
            as.add(a);
        }
        return new Forward(zs, as);
    }

    /** The loss of one example: output {@code a} against target {@code y}. */
    double loss(double[] a, double[] y) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            switch (loss) {
                case MEAN_SQUARED_ERROR -> sum += (a[j] - y[j]) * (a[j] - y[j]) / a.length;
                case CATEGORICAL_CROSSENTROPY ->
                        sum -= y[j] * Math.log(Math.max(a[j], Loss.LOG_CLAMP));
                case BINARY_CROSSENTROPY -> {
                    double p = Math.min(Math.max(a[j], Loss.LOG_CLAMP), 1 - Loss.LOG_CLAMP);
                    sum -= (y[j] * Math.log(p) + (1 - y[j]) * Math.log(1 - p)) / a.length;
                }
                default -> throw new IllegalArgumentException("explain does not support loss "
                        + loss.id());
            }
        }
        return sum;
    }

    /**
     * The gradient of the loss with respect to the output {@code a}: {@code 2 (a − y) / K} for
     * mean squared error. Only defined for losses not fused with their output activation.
     */
    double[] lossGradient(double[] a, double[] y) {
        double[] gradient = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            gradient[j] = 2 * (a[j] - y[j]) / a.length;
        }
        return gradient;
    }

    /** The output layer's error for a fused loss: {@code a − y}, divided by K for binary CE. */
    double[] fusedError(double[] a, double[] y) {
        double scale = loss == Loss.BINARY_CROSSENTROPY ? 1.0 / a.length : 1;
        double[] delta = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            delta[j] = (a[j] - y[j]) * scale;
        }
        return delta;
    }

    /** Equation (2): the gradient with respect to layer {@code l}'s input, {@code δ·W}. */
    double[] backThroughWeights(int l, double[] delta) {
        double[] gradient = new double[sizes[l]];
        for (int i = 0; i < gradient.length; i++) {
            for (int j = 0; j < delta.length; j++) {
                gradient[i] += delta[j] * weights[l][j * gradient.length + i];
            }
        }
        return gradient;
    }

    /** {@code f'(z)} of layer {@code l}'s elementwise activation, given its {@code z}. */
    double[] derivative(int l, double[] z) {
        Activation f = activations.get(l);
        double[] d = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            double s = 1 / (1 + Math.exp(-z[j]));
            d[j] = switch (f) {
                case IDENTITY -> 1;
                case SIGMOID -> s * (1 - s);
                case SOFTPLUS -> s;
                case TANH -> 1 - Math.tanh(z[j]) * Math.tanh(z[j]);
                case RELU -> z[j] > 0 ? 1 : 0;
                case LEAKY_RELU -> z[j] > 0 ? 1 : Activation.LEAKY_RELU_SLOPE;
                case ELU -> z[j] > 0 ? 1 : Math.exp(z[j]);
                case SILU -> s * (1 + z[j] * (1 - s));
                case GELU, SOFTMAX -> throw unsupported(f);
            };
        }
        return d;
    }

    /** Adds {@code amount} to weight {@code index} (row-major) or bias {@code index} of layer l. */
    private void nudge(int l, boolean bias, int index, double amount) {
        (bias ? biases : weights)[l][index] += amount;
    }

    /** {@code (C(θ + ε) − C(θ − ε)) / 2ε} for one weight or bias, leaving it as it was. */
    double finiteDifference(int l, boolean bias, int index, double[] x, double[] y,
                            double epsilon) {
        nudge(l, bias, index, epsilon);
        double plus = loss(forward(x).output(), y);
        nudge(l, bias, index, -2 * epsilon);
        double minus = loss(forward(x).output(), y);
        nudge(l, bias, index, epsilon);
        return (plus - minus) / (2 * epsilon);
    }

    /** Whether the host can compute {@code f} and its derivative in double. */
    static boolean supports(Activation f) {
        return f != Activation.GELU && f != Activation.SOFTMAX;
    }

    private static double[] activate(Activation f, double[] z) {
        double[] a = new double[z.length];
        if (f == Activation.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                a[j] = Math.exp(z[j] - max);
                sum += a[j];
            }
            for (int j = 0; j < z.length; j++) {
                a[j] /= sum;
            }
            return a;
        }
        for (int j = 0; j < z.length; j++) {
            double v = z[j];
            a[j] = switch (f) {
                case IDENTITY -> v;
                case SIGMOID -> 1 / (1 + Math.exp(-v));
                case TANH -> Math.tanh(v);
                case RELU -> Math.max(0, v);
                case LEAKY_RELU -> v > 0 ? v : Activation.LEAKY_RELU_SLOPE * v;
                case ELU -> v > 0 ? v : Math.expm1(v);
                case SILU -> v / (1 + Math.exp(-v));
                case SOFTPLUS -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
                case GELU, SOFTMAX -> throw unsupported(f);
            };
        }
        return a;
    }

    private static IllegalArgumentException unsupported(Activation f) {
        return new IllegalArgumentException("explain computes " + f.id() + " only where it"
                + " can in double; choose another activation");
    }

    private static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }
}
