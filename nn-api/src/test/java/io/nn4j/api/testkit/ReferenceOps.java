package io.nn4j.api.testkit;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.spi.DropoutMask;
import java.util.Arrays;
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
        double[] product = product(transposeA, transposeB, widen(a), aShape, widen(b), bShape);
        for (int i = 0; i < product.length; i++) {
            product[i] = alpha * product[i] + (beta == 0 ? 0 : beta * c[i]);
        }
        return product;
    }

    /** {@code op(A) · op(B)} in float64, with {@code op(X) = Xᵀ} when flagged. */
    public static double[] product(boolean transposeA, boolean transposeB, double[] a,
                                   Shape aShape, double[] b, Shape bShape) {
        return matmul(transposeA ? transpose(a, aShape) : a,
                transposeA ? aShape.cols() : aShape.rows(),
                transposeB ? b : transpose(b, bShape),
                transposeB ? bShape.rows() : bShape.cols(),
                transposeA ? aShape.rows() : aShape.cols());
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

    /** {@code out_j = alpha · Σ_i m_ij + beta · out_j} ({@code out} not read when beta is 0). */
    public static double[] columnSums(double alpha, float[] m, int rows, int cols, double beta,
                                      float[] out) {
        double[] sums = new double[cols];
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += m[r * cols + j];
            }
            sums[j] = alpha * sum + (beta == 0 ? 0 : beta * out[j]);
        }
        return sums;
    }

    /**
     * The loss of each example (row); see {@link Loss} for the formulas. {@code y} holds
     * {@code loss.targetColumns(cols)} values per row (a class index for the sparse loss).
     */
    public static double[] exampleLosses(Loss loss, double[] a, double[] y, int rows, int cols) {
        double[] targets = denseTargets(loss, y, rows, cols);
        double[] losses = new double[rows];
        for (int r = 0; r < rows; r++) {
            losses[r] = exampleLoss(loss, a, targets, r * cols, cols);
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
        double[] t = denseTargets(loss, y, rows, cols);
        double[] grad = new double[rows * cols];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = switch (loss) {
                case MEAN_SQUARED_ERROR -> 2 * (a[i] - t[i]) / cols;
                case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> a[i] - t[i];
                case BINARY_CROSSENTROPY -> (a[i] - t[i]) / cols;
                default -> throw missing("loss gradient", loss);
            };
        }
        return grad;
    }

    /**
     * Targets as {@code rows × cols}: a sparse loss's class indices become one-hot rows, and a
     * row whose index is not a class ({@link #isClass}) becomes a row of NaN, so its loss and
     * its gradient row are NaN.
     */
    private static double[] denseTargets(Loss loss, double[] y, int rows, int cols) {
        if (loss != Loss.SPARSE_CATEGORICAL_CROSSENTROPY) {
            return y;
        }
        double[] oneHot = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            if (isClass(y[r], cols)) {
                oneHot[r * cols + (int) y[r]] = 1;
            } else {
                Arrays.fill(oneHot, r * cols, (r + 1) * cols, Double.NaN);
            }
        }
        return oneHot;
    }

    /**
     * Whether {@code index} names a column of a row of {@code cols}: an integer in
     * {@code [0, cols)} (NaN, infinities and fractions do not).
     */
    public static boolean isClass(double index, int cols) {
        return index >= 0 && index < cols && index == Math.floor(index);
    }

    /** The column of each row's largest element, the first one on ties. */
    public static double[] argmaxRows(float[] m, int rows, int cols) {
        double[] indices = new double[rows];
        for (int r = 0; r < rows; r++) {
            indices[r] = argmax(m, r * cols, cols);
        }
        return indices;
    }

    /**
     * How many rows are classified correctly: with one output column, output and target on the
     * same side of 0.5; with a one-column target, the output's argmax equal to the class index
     * (never for an index that is not a class); otherwise the output's argmax equal to the
     * target's.
     */
    public static int correctCount(float[] output, float[] target, int rows, int cols,
                                   int targetCols) {
        int count = 0;
        for (int r = 0; r < rows; r++) {
            boolean right;
            if (cols == 1) {
                right = (output[r] >= 0.5) == (target[r] >= 0.5);
            } else if (targetCols == 1) {
                right = isClass(target[r], cols)
                        && argmax(output, r * cols, cols) == (int) target[r];
            } else {
                right = argmax(output, r * cols, cols) == argmax(target, r * cols, cols);
            }
            count += right ? 1 : 0;
        }
        return count;
    }

    /** Gradient descent with L2 decay: {@code param − lr · (grad + wd · param)}. */
    public static double[] sgdUpdate(float[] param, float[] grad, double learningRate,
                                     double weightDecay) {
        double[] updated = new double[param.length];
        for (int i = 0; i < param.length; i++) {
            updated[i] = param[i] - learningRate * (grad[i] + weightDecay * param[i]);
        }
        return updated;
    }

    /**
     * Momentum: {@code v' = μ v + g'}, {@code p' = p − lr · v'} (Nesterov:
     * {@code p − lr (g' + μ v')}), {@code g' = g + wd · p}. Returns {@code {p', v'}}.
     */
    public static double[][] momentumUpdate(float[] param, float[] grad, float[] velocity,
                                            double lr, double momentum, boolean nesterov,
                                            double weightDecay) {
        double[] p = new double[param.length];
        double[] v = new double[param.length];
        for (int i = 0; i < param.length; i++) {
            double g = grad[i] + weightDecay * param[i];
            v[i] = momentum * velocity[i] + g;
            p[i] = param[i] - lr * (nesterov ? g + momentum * v[i] : v[i]);
        }
        return new double[][] {p, v};
    }

    /**
     * Adam in its textbook form: {@code m' = β1 m + (1 − β1) g'}, {@code v' = β2 v + (1 − β2) g'²},
     * {@code m̂ = m' / (1 − β1^t)}, {@code v̂ = v' / (1 − β2^t)}, {@code p' = p − lr m̂ / (√v̂ + ε)},
     * {@code g' = g + wd · p}. Returns {@code {p', m', v'}}.
     */
    public static double[][] adamUpdate(float[] param, float[] grad, float[] m, float[] v,
                                        double lr, double beta1, double beta2, double epsilon,
                                        double weightDecay, int t) {
        double[] p2 = new double[param.length];
        double[] m2 = new double[param.length];
        double[] v2 = new double[param.length];
        for (int i = 0; i < param.length; i++) {
            double g = grad[i] + weightDecay * param[i];
            m2[i] = beta1 * m[i] + (1 - beta1) * g;
            v2[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double mHat = m2[i] / (1 - Math.pow(beta1, t));
            double vHat = v2[i] / (1 - Math.pow(beta2, t));
            p2[i] = param[i] - lr * mHat / (Math.sqrt(vHat) + epsilon);
        }
        return new double[][] {p2, m2, v2};
    }

    /** The dropout mask of {@link DropoutMask}: {@code 1 / (1 − rate)} where kept, else 0. */
    public static double[] dropoutMask(long seed, float rate, int n) {
        double[] mask = new double[n];
        for (int i = 0; i < n; i++) {
            mask[i] = DropoutMask.uniform(seed, i) >= rate ? 1.0 / (1.0 - rate) : 0;
        }
        return mask;
    }

    /** The error function, in double precision (series, or a continued fraction for erfc). */
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
            case SIGMOID -> sigmoid(z);
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(0, z);
            case LEAKY_RELU -> z > 0 ? z : Activation.LEAKY_RELU_SLOPE * z;
            case GELU -> z * normalCdf(z);
            case ELU -> z > 0 ? z : Math.exp(z) - 1;
            case SILU -> z * sigmoid(z);
            case SOFTPLUS -> Math.log(1 + Math.exp(z));
            default -> throw missing("activation", f);
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
            default -> throw missing("activation derivative", f);
        };
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double normalCdf(double z) {
        return (1 + erf(z / Math.sqrt(2))) / 2;
    }

    private static double exampleLoss(Loss loss, double[] a, double[] y, int offset, int cols) {
        double sum = 0;
        for (int j = offset; j < offset + cols; j++) {
            sum += switch (loss) {
                case MEAN_SQUARED_ERROR -> (a[j] - y[j]) * (a[j] - y[j]) / cols;
                case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY ->
                        -y[j] * Math.log(Math.max(a[j], Loss.LOG_CLAMP));
                case BINARY_CROSSENTROPY -> {
                    double p = Math.min(Math.max(a[j], Loss.LOG_CLAMP), 1 - Loss.LOG_CLAMP);
                    yield -(y[j] * Math.log(p) + (1 - y[j]) * Math.log(1 - p)) / cols;
                }
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
