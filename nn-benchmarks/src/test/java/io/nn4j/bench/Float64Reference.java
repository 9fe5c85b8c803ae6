package io.nn4j.bench;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;

/**
 * The benchmark bodies' answers computed in float64 with the plainest loops, from the formulas
 * in the javadoc of {@link io.nn4j.api.Backend} and {@link Activation}.
 */
final class Float64Reference {

    private Float64Reference() {
    }

    /** {@code op(A)·op(B)} for stored {@code A [ar, ac]} and {@code B [br, bc]}. */
    static double[] gemm(boolean transposeA, boolean transposeB, double[] a, int ar, int ac,
                         double[] b, int br, int bc) {
        int m = transposeA ? ac : ar;
        int k = transposeA ? ar : ac;
        int n = transposeB ? br : bc;
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transposeA ? a[p * ac + i] : a[i * ac + p];
                    double bpj = transposeB ? b[j * bc + p] : b[p * bc + j];
                    sum += aip * bpj;
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    /** {@code f(z)} on a row-major {@code rows × cols} batch (softmax per row). */
    static double[] activate(Activation f, double[] z, int rows, int cols) {
        double[] a = new double[z.length];
        for (int r = 0; r < rows; r++) {
            if (f == Activation.SOFTMAX) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    max = Math.max(max, z[r * cols + j]);
                }
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    a[r * cols + j] = Math.exp(z[r * cols + j] - max);
                    sum += a[r * cols + j];
                }
                for (int j = 0; j < cols; j++) {
                    a[r * cols + j] /= sum;
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    a[r * cols + j] = elementwise(f, z[r * cols + j]);
                }
            }
        }
        return a;
    }

    private static double elementwise(Activation f, double z) {
        return switch (f) {
            case IDENTITY -> z;
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(0, z);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not elementwise");
        };
    }

    /** {@code dZ = dA ∘ f'(Z)}, with {@code a = f(z)}; softmax per row. */
    static double[] backward(Activation f, double[] z, double[] a, double[] dA, int rows,
                             int cols) {
        double[] dZ = new double[z.length];
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int j = 0; j < cols; j++) {
                dot += dA[r * cols + j] * a[r * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                dZ[i] = switch (f) {
                    case IDENTITY -> dA[i];
                    case SIGMOID -> dA[i] * a[i] * (1 - a[i]);
                    case TANH -> dA[i] * (1 - a[i] * a[i]);
                    case RELU -> z[i] > 0 ? dA[i] : 0;
                    case SOFTMAX -> a[i] * (dA[i] - dot);
                };
            }
        }
        return dZ;
    }

    /** The sum over rows of categorical cross-entropy, with the log clamp of {@link Loss}. */
    static double crossEntropySum(double[] output, float[] targets) {
        double sum = 0;
        for (int i = 0; i < output.length; i++) {
            sum -= targets[i] * Math.log(Math.max(output[i], Loss.LOG_CLAMP));
        }
        return sum;
    }

    /** Widens a float array. */
    static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }
}
