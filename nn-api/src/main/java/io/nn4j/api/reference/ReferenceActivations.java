package io.nn4j.api.reference;

import io.nn4j.api.Activation;

/**
 * Every {@link Activation} in float64, forward and backward, on row-major {@code rows × cols}
 * arrays: the formulas of {@link Activation}, GeLU exact through a float64 {@link #erf}. Each
 * method returns a new array and modifies nothing.
 *
 * <p>Stateless: safe to call from any thread.
 */
public final class ReferenceActivations {

    private ReferenceActivations() {
    }

    /**
     * {@code A = f(Z)}; softmax per row, every other activation per element.
     *
     * @param f    the activation to apply
     * @param z    the pre-activations {@code Z}, {@code rows × cols} row-major
     * @param rows the number of rows (examples) in {@code z}
     * @param cols the number of columns in {@code z}; softmax normalizes over each row of them
     * @return a new {@code rows × cols} array holding {@code A}
     */
    public static double[] activate(Activation f, double[] z, int rows, int cols) {
        double[] a = new double[rows * cols];
        if (f == Activation.SOFTMAX) {
            for (int r = 0; r < rows; r++) {
                softmaxRow(z, a, r * cols, cols);
            }
            return a;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = activate(f, z[i]);
        }
        return a;
    }

    /**
     * {@code dZ = dA ∘ f'(Z)}; for softmax per row {@code dz_j = a_j (da_j − Σ_k da_k a_k)}.
     *
     * @param f    the activation whose derivative is applied
     * @param z    the pre-activations {@code Z} of the forward pass, {@code rows × cols}
     * @param dA   the gradient with respect to the activation's output {@code A}, same shape
     * @param rows the number of rows (examples)
     * @param cols the number of columns
     * @return a new {@code rows × cols} array holding {@code dZ}
     */
    public static double[] backward(Activation f, double[] z, double[] dA, int rows, int cols) {
        double[] dZ = new double[rows * cols];
        if (f == Activation.SOFTMAX) {
            double[] a = activate(f, z, rows, cols);
            for (int r = 0; r < rows; r++) {
                double dot = 0;
                for (int j = 0; j < cols; j++) {
                    dot += dA[r * cols + j] * a[r * cols + j];
                }
                for (int j = 0; j < cols; j++) {
                    dZ[r * cols + j] = a[r * cols + j] * (dA[r * cols + j] - dot);
                }
            }
            return dZ;
        }
        double[] derivative = derivative(f, z);
        for (int i = 0; i < dZ.length; i++) {
            dZ[i] = dA[i] * derivative[i];
        }
        return dZ;
    }

    /**
     * {@code f'(z)} of each element, for an elementwise activation.
     *
     * @param f an elementwise activation (not softmax)
     * @param z the pre-activations, any length
     * @return a new array of {@code z.length} derivatives
     * @throws IllegalArgumentException for softmax, whose derivative is a Jacobian per row (see
     *     {@link #backward})
     */
    public static double[] derivative(Activation f, double[] z) {
        double[] d = new double[z.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = derivative(f, z[i]);
        }
        return d;
    }

    /**
     * The error function, in double precision (series, or a continued fraction for erfc).
     *
     * @param x the argument, any real
     * @return {@code erf(x)}, in {@code [−1, 1]} and odd in {@code x}
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        double value;
        if (ax < 2.5) {
            double x2 = ax * ax;
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            value = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double fraction = ax;
            for (int k = 80; k >= 1; k--) {
                fraction = ax + (k / 2.0) / fraction;
            }
            value = 1 - Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * fraction);
        }
        return x < 0 ? -value : value;
    }

    private static double activate(Activation f, double z) {
        return switch (f) {
            case IDENTITY -> z;
            case SIGMOID -> sigmoid(z);
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(0, z);
            case LEAKY_RELU -> z > 0 ? z : Activation.LEAKY_RELU_SLOPE * z;
            case GELU -> z * normalCdf(z);
            case ELU -> z > 0 ? z : Math.expm1(z);
            case SILU -> z * sigmoid(z);
            case SOFTPLUS -> Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            case SOFTMAX -> throw perRow(f);
        };
    }

    private static double derivative(Activation f, double z) {
        return switch (f) {
            case IDENTITY -> 1;
            case SIGMOID -> sigmoid(z) * (1 - sigmoid(z));
            case TANH -> 1 - Math.tanh(z) * Math.tanh(z);
            case RELU -> z > 0 ? 1 : 0;
            case LEAKY_RELU -> z > 0 ? 1 : Activation.LEAKY_RELU_SLOPE;
            case GELU -> normalCdf(z) + z * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
            case ELU -> z > 0 ? 1 : Math.exp(z);
            case SILU -> sigmoid(z) * (1 + z * (1 - sigmoid(z)));
            case SOFTPLUS -> sigmoid(z);
            case SOFTMAX -> throw perRow(f);
        };
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double normalCdf(double z) {
        return (1 + erf(z / Math.sqrt(2))) / 2;
    }

    private static void softmaxRow(double[] z, double[] a, int offset, int cols) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = offset; j < offset + cols; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = offset; j < offset + cols; j++) {
            a[j] = Math.exp(z[j] - max);
            sum += a[j];
        }
        for (int j = offset; j < offset + cols; j++) {
            a[j] /= sum;
        }
    }

    private static IllegalArgumentException perRow(Activation f) {
        return new IllegalArgumentException(f.id() + " works on whole rows, not on one element;"
                + " use activate or backward with the row width");
    }
}
