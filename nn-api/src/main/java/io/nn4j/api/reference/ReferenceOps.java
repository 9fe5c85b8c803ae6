package io.nn4j.api.reference;

import io.nn4j.api.Shape;
import io.nn4j.api.spi.DropoutMask;

/**
 * The backend ops other than activations ({@link ReferenceActivations}) and losses
 * ({@link ReferenceLosses}) as plain float64 loops over row-major arrays: GEMM, bias and
 * column sums, argmax and accuracy counts, the optimizer updates and the dropout mask. A
 * backend's float32 values enter through {@link #widen}. Each method returns a new array and
 * modifies nothing.
 *
 * <p>Stateless: safe to call from any thread.
 */
public final class ReferenceOps {

    private ReferenceOps() {
    }

    /**
     * {@code alpha · op(A) · op(B) + beta · C} with {@code op(X) = Xᵀ} when flagged.
     *
     * @param transposeA whether to use {@code Aᵀ} in place of {@code A}
     * @param transposeB whether to use {@code Bᵀ} in place of {@code B}
     * @param alpha      the factor of the product
     * @param a          the values of {@code A}, row-major
     * @param aShape     the shape of {@code a} as stored (before any transpose)
     * @param b          the values of {@code B}, row-major
     * @param bShape     the shape of {@code b} as stored (before any transpose)
     * @param beta       the factor of {@code C}; when 0, {@code c} is not read (may be null)
     * @param c          the values of {@code C}, shaped like the product
     * @return a new row-major array of the result
     * @throws IllegalArgumentException as {@link #product} does
     */
    public static double[] gemm(boolean transposeA, boolean transposeB, double alpha, double[] a,
                                Shape aShape, double[] b, Shape bShape, double beta, double[] c) {
        double[] product = product(transposeA, transposeB, a, aShape, b, bShape);
        for (int i = 0; i < product.length; i++) {
            product[i] = alpha * product[i] + (beta == 0 ? 0 : beta * c[i]);
        }
        return product;
    }

    /**
     * {@code op(A) · op(B)} with {@code op(X) = Xᵀ} when flagged, in i-k-j order: the innermost
     * loop runs along a row of {@code op(B)} and of the product.
     *
     * @param transposeA whether to use {@code Aᵀ} in place of {@code A}
     * @param transposeB whether to use {@code Bᵀ} in place of {@code B}
     * @param a          the values of {@code A}, row-major
     * @param aShape     the shape of {@code a} as stored (before any transpose)
     * @param b          the values of {@code B}, row-major
     * @param bShape     the shape of {@code b} as stored (before any transpose)
     * @return a new row-major array of the {@code m × n} product
     * @throws IllegalArgumentException when an array's length does not match its shape, or the
     *     inner sizes differ
     */
    public static double[] product(boolean transposeA, boolean transposeB, double[] a,
                                   Shape aShape, double[] b, Shape bShape) {
        int m = transposeA ? aShape.cols() : aShape.rows();
        int k = transposeA ? aShape.rows() : aShape.cols();
        int n = transposeB ? bShape.rows() : bShape.cols();
        int inner = transposeB ? bShape.cols() : bShape.rows();
        if (a.length != aShape.size() || b.length != bShape.size() || k != inner) {
            throw new IllegalArgumentException("reference product: A " + aShape + " (" + a.length
                    + " values" + (transposeA ? ", transposed" : "") + ") times B " + bShape + " ("
                    + b.length + " values" + (transposeB ? ", transposed" : "") + ")");
        }
        double[] rowMajorB = transposeB ? transpose(b, bShape) : b;
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = transposeA ? a[p * m + i] : a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * rowMajorB[p * n + j];
                }
            }
        }
        return c;
    }

    /**
     * {@code Z + bias}, the bias added to every row.
     *
     * @param z    the matrix, {@code rows × cols} row-major
     * @param bias the {@code cols} values to add
     * @param rows the number of rows of {@code z}
     * @param cols the number of columns of {@code z}
     * @return a new {@code rows × cols} array
     */
    public static double[] addBias(double[] z, double[] bias, int rows, int cols) {
        double[] sum = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                sum[r * cols + j] = z[r * cols + j] + bias[j];
            }
        }
        return sum;
    }

    /**
     * {@code out_j = alpha · Σ_i m_ij + beta · out_j} ({@code out} not read when beta is 0).
     *
     * @param alpha the factor of the column sums
     * @param m     the matrix, {@code rows × cols} row-major
     * @param rows  the number of rows of {@code m}
     * @param cols  the number of columns of {@code m}
     * @param beta  the factor of {@code out}
     * @param out   the {@code cols} values to accumulate onto; may be null when beta is 0
     * @return a new array of {@code cols} values; {@code out} itself is not changed
     */
    public static double[] columnSums(double alpha, double[] m, int rows, int cols, double beta,
                                      double[] out) {
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
     * The column of each row's largest element, the first one on ties.
     *
     * @param m    the matrix, {@code rows × cols} row-major
     * @param rows the number of rows of {@code m}
     * @param cols the number of columns of {@code m}
     * @return a new array of {@code rows} column indices, as doubles
     */
    public static double[] argmaxRows(double[] m, int rows, int cols) {
        double[] indices = new double[rows];
        for (int r = 0; r < rows; r++) {
            indices[r] = argmax(m, r * cols, cols);
        }
        return indices;
    }

    /**
     * How many rows are classified correctly: with one output column, output and target on the
     * same side of 0.5; with a one-column target, the output's argmax equal to the class index
     * (never for an index that is not a class, see {@link ReferenceLosses#isClass}); otherwise
     * the output's argmax equal to the target's.
     *
     * @param output     the network outputs, {@code rows × cols} row-major
     * @param target     the targets, {@code rows × targetCols} row-major
     * @param rows       the number of examples
     * @param cols       the number of output columns
     * @param targetCols the number of target columns: 1 for class indices (or one binary
     *                   column), else {@code cols} for one-hot or probability targets
     * @return the number of correctly classified rows, in {@code [0, rows]}
     */
    public static int correctCount(double[] output, double[] target, int rows, int cols,
                                   int targetCols) {
        int count = 0;
        for (int r = 0; r < rows; r++) {
            boolean right;
            if (cols == 1) {
                right = (output[r] >= 0.5) == (target[r] >= 0.5);
            } else if (targetCols == 1) {
                right = ReferenceLosses.isClass(target[r], cols)
                        && argmax(output, r * cols, cols) == (int) target[r];
            } else {
                right = argmax(output, r * cols, cols) == argmax(target, r * cols, cols);
            }
            count += right ? 1 : 0;
        }
        return count;
    }

    /**
     * Gradient descent with L2 decay: {@code param − lr · (grad + wd · param)}.
     *
     * @param param        the parameter values
     * @param grad         their gradients, same length
     * @param learningRate the step size {@code lr}
     * @param weightDecay  the L2 coefficient {@code wd}; 0 for none
     * @return a new array of the updated values
     */
    public static double[] sgdUpdate(double[] param, double[] grad, double learningRate,
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
     *
     * @param param       the parameter values {@code p}
     * @param grad        their gradients {@code g}, same length
     * @param velocity    the velocity {@code v} from the previous step (zeros at first)
     * @param lr          the learning rate
     * @param momentum    the momentum coefficient {@code μ}
     * @param nesterov    whether to take the Nesterov step
     * @param weightDecay the L2 coefficient {@code wd}; 0 for none
     * @return two new arrays: the updated parameters {@code p'} and velocity {@code v'}
     */
    public static double[][] momentumUpdate(double[] param, double[] grad, double[] velocity,
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
     *
     * @param param       the parameter values {@code p}
     * @param grad        their gradients {@code g}, same length
     * @param m           the first-moment estimate from the previous step (zeros at first)
     * @param v           the second-moment estimate from the previous step (zeros at first)
     * @param lr          the learning rate
     * @param beta1       the first-moment decay {@code β1}
     * @param beta2       the second-moment decay {@code β2}
     * @param epsilon     the {@code ε} added to {@code √v̂}
     * @param weightDecay the L2 coefficient {@code wd}, added to the gradient; 0 for none
     * @param t           the 1-based step number, for the bias correction
     * @return three new arrays: the updated parameters {@code p'}, {@code m'} and {@code v'}
     */
    public static double[][] adamUpdate(double[] param, double[] grad, double[] m, double[] v,
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

    /**
     * The dropout mask of {@link DropoutMask}: {@code 1 / (1 − rate)} where kept, else 0.
     *
     * @param seed the mask's seed, as passed to {@link DropoutMask#keep}
     * @param rate the probability of dropping an element
     * @param n    the number of elements
     * @return a new array of {@code n} mask values
     */
    public static double[] dropoutMask(long seed, float rate, int n) {
        double[] mask = new double[n];
        for (int i = 0; i < n; i++) {
            mask[i] = DropoutMask.keep(seed, i, rate) ? 1.0 / (1.0 - rate) : 0;
        }
        return mask;
    }

    /**
     * The values as doubles.
     *
     * @param values float32 values, such as a backend's {@code toArray}
     * @return a new array of the same values, exactly, in float64
     */
    public static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }

    /**
     * The values rounded to float32, as a backend's input would hold them.
     *
     * @param values float64 values
     * @return a new array of the values rounded to the nearest float
     */
    public static float[] narrow(double[] values) {
        float[] narrow = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrow[i] = (float) values[i];
        }
        return narrow;
    }

    private static int argmax(double[] m, int offset, int cols) {
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
}
