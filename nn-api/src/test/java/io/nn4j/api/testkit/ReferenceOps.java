package io.nn4j.api.testkit;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import org.opentest4j.AssertionFailedError;

/**
 * The oracle of the conformance kit: every backend op as plain float64 loops over row-major
 * arrays, written to be read, not to be fast. Each method returns a new array and modifies
 * nothing.
 *
 * <p>Adding an activation or a loss to the API means adding its entry to the switches below
 * ({@link #activate}, {@link #derivative}, {@link #exampleLoss}, {@link #lossGradient}); until
 * then every kit test of that value fails, naming the missing entry.
 */
public final class ReferenceOps {

    private ReferenceOps() {
    }

    /** {@code alpha · op(A) · op(B) + beta · C} with {@code op(X) = Xᵀ} when flagged. */
    public static double[] gemm(boolean transposeA, boolean transposeB, double alpha, float[] a,
                                Shape aShape, float[] b, Shape bShape, double beta, float[] c) {
        double[] product = matmul(transposeA ? transpose(widen(a), aShape) : widen(a),
                transposeA ? aShape.cols() : aShape.rows(),
                transposeB ? widen(b) : transpose(widen(b), bShape),
                transposeB ? bShape.rows() : bShape.cols(),
                transposeA ? aShape.rows() : aShape.cols());
        for (int i = 0; i < product.length; i++) {
            product[i] = alpha * product[i] + (beta == 0 ? 0 : beta * c[i]);
        }
        return product;
    }

    /**
     * {@code P = X · Wᵀ} for {@code X} of {@code m × k} and {@code W} of {@code n × k}: each
     * element one dot product of a row of {@code X} with a row of {@code W}.
     */
    public static double[] matmul(double[] x, int m, double[] w, int n, int k) {
        double[] product = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += x[i * k + p] * w[j * k + p];
                }
                product[i * n + j] = sum;
            }
        }
        return product;
    }

    /** {@code Z + bias}, the bias added to every row. */
    public static double[] addBias(double[] z, double[] bias, int rows, int cols) {
        double[] sum = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                sum[r * cols + j] = z[r * cols + j] + bias[j];
            }
        }
        return sum;
    }

    /** {@code A = f(Z)}; softmax per row, every other activation per element. */
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

    /** {@code dZ = dA ∘ f'(Z)}; for softmax per row {@code dz_j = a_j (da_j − Σ_k da_k a_k)}. */
    public static double[] activationBackward(Activation f, double[] z, double[] dA, int rows,
                                              int cols) {
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
        for (int i = 0; i < dZ.length; i++) {
            dZ[i] = dA[i] * derivative(f, z[i]);
        }
        return dZ;
    }

    /** {@code out_j = alpha · Σ_i m_ij}. */
    public static double[] columnSums(double alpha, float[] m, int rows, int cols) {
        double[] sums = new double[cols];
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += m[r * cols + j];
            }
            sums[j] = alpha * sum;
        }
        return sums;
    }

    /** The loss of each example (row); see {@link Loss} for the formulas. */
    public static double[] exampleLosses(Loss loss, double[] a, double[] y, int rows, int cols) {
        double[] losses = new double[rows];
        for (int r = 0; r < rows; r++) {
            losses[r] = exampleLoss(loss, a, y, r * cols, cols);
        }
        return losses;
    }

    /** The mean over the batch of the per-example loss: what training minimizes. */
    public static double meanLoss(Loss loss, double[] a, double[] y, int rows, int cols) {
        double total = 0;
        for (double example : exampleLosses(loss, a, y, rows, cols)) {
            total += example;
        }
        return total / rows;
    }

    /**
     * The per-example gradient: with respect to {@code Z} ({@code a − y}) for a loss fused with
     * its activation, else with respect to {@code A}.
     */
    public static double[] lossGradient(Loss loss, double[] a, double[] y, int rows, int cols) {
        double[] grad = new double[rows * cols];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = switch (loss) {
                case MEAN_SQUARED_ERROR -> 2 * (a[i] - y[i]) / cols;
                case CATEGORICAL_CROSSENTROPY -> a[i] - y[i];
                default -> throw missing("loss gradient", loss);
            };
        }
        return grad;
    }

    /** The column of each row's largest element, the first one on ties. */
    public static double[] argmaxRows(float[] m, int rows, int cols) {
        double[] indices = new double[rows];
        for (int r = 0; r < rows; r++) {
            indices[r] = argmax(m, r * cols, cols);
        }
        return indices;
    }

    /** How many rows of {@code output} peak at the same column as {@code target}'s. */
    public static int correctCount(float[] output, float[] target, int rows, int cols) {
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (argmax(output, r * cols, cols) == argmax(target, r * cols, cols)) {
                count++;
            }
        }
        return count;
    }

    /** Plain gradient descent: {@code param − learningRate · grad}. */
    public static double[] sgdUpdate(float[] param, float[] grad, double learningRate) {
        double[] updated = new double[param.length];
        for (int i = 0; i < param.length; i++) {
            updated[i] = param[i] - learningRate * grad[i];
        }
        return updated;
    }

    /** The values as doubles. */
    public static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }

    /** The values rounded to float32, as a backend's input would hold them. */
    public static float[] narrow(double[] values) {
        float[] narrow = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrow[i] = (float) values[i];
        }
        return narrow;
    }

    private static double activate(Activation f, double z) {
        return switch (f) {
            case IDENTITY -> z;
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(0, z);
            default -> throw missing("activation", f);
        };
    }

    private static double derivative(Activation f, double z) {
        return switch (f) {
            case IDENTITY -> 1;
            case SIGMOID -> activate(f, z) * (1 - activate(f, z));
            case TANH -> 1 - Math.tanh(z) * Math.tanh(z);
            case RELU -> z > 0 ? 1 : 0;
            default -> throw missing("activation derivative", f);
        };
    }

    private static double exampleLoss(Loss loss, double[] a, double[] y, int offset, int cols) {
        double sum = 0;
        for (int j = offset; j < offset + cols; j++) {
            sum += switch (loss) {
                case MEAN_SQUARED_ERROR -> (a[j] - y[j]) * (a[j] - y[j]) / cols;
                case CATEGORICAL_CROSSENTROPY -> -y[j] * Math.log(Math.max(a[j], Loss.LOG_CLAMP));
                default -> throw missing("loss", loss);
            };
        }
        return sum;
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

    private static int argmax(float[] m, int offset, int cols) {
        int best = 0;
        for (int j = 1; j < cols; j++) {
            if (m[offset + j] > m[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    private static double[] transpose(double[] x, Shape shape) {
        int rows = shape.rows();
        int cols = shape.cols();
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }

    private static AssertionFailedError missing(String what, Enum<?> value) {
        return new AssertionFailedError("ReferenceOps has no float64 " + what + " for "
                + value + ": add its entry to io.nn4j.api.testkit.ReferenceOps");
    }
}
