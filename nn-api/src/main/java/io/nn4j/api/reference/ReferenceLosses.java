package io.nn4j.api.reference;

import io.nn4j.api.Loss;
import java.util.Arrays;

/**
 * Every {@link Loss} in float64: the per-example value, the batch mean and the per-example
 * gradient, on outputs {@code a} of {@code rows × cols} and targets {@code y} of
 * {@code loss.targetColumns(cols)} values per row (a class index for the sparse loss). A class
 * index that is not a class ({@link #isClass}) gives its row a NaN loss and a NaN gradient row.
 * Each method returns a new array and modifies nothing.
 *
 * <p>Stateless: safe to call from any thread.
 */
public final class ReferenceLosses {

    private ReferenceLosses() {
    }

    /**
     * The loss of each example (row); see {@link Loss} for the formulas.
     *
     * @param loss the loss function
     * @param a    the outputs, {@code rows × cols} row-major
     * @param y    the targets: {@code loss.targetColumns(cols)} values per row
     * @param rows the number of examples
     * @param cols the number of output columns
     * @return a new array of {@code rows} losses, NaN for a row whose class index is not a class
     */
    public static double[] exampleLosses(Loss loss, double[] a, double[] y, int rows, int cols) {
        double[] targets = denseTargets(loss, y, rows, cols);
        double[] losses = new double[rows];
        for (int r = 0; r < rows; r++) {
            losses[r] = exampleLoss(loss, a, targets, r * cols, cols);
        }
        return losses;
    }

    /**
     * The mean over the batch of the per-example loss: what training minimizes.
     *
     * @param loss the loss function
     * @param a    the outputs, {@code rows × cols} row-major
     * @param y    the targets: {@code loss.targetColumns(cols)} values per row
     * @param rows the number of examples, the divisor of the mean
     * @param cols the number of output columns
     * @return the mean loss; NaN when any row's class index is not a class
     */
    public static double meanLoss(Loss loss, double[] a, double[] y, int rows, int cols) {
        double total = 0;
        for (double example : exampleLosses(loss, a, y, rows, cols)) {
            total += example;
        }
        return total / rows;
    }

    /**
     * The per-example gradient {@code s · (a − y)} with {@code s = loss.gradientScale(cols)}:
     * with respect to {@code Z} for a loss fused with its activation, else with respect to
     * {@code A}.
     *
     * @param loss the loss function
     * @param a    the outputs, {@code rows × cols} row-major
     * @param y    the targets: {@code loss.targetColumns(cols)} values per row
     * @param rows the number of examples
     * @param cols the number of output columns
     * @return a new {@code rows × cols} array; a row of NaN where the class index is not a class
     */
    public static double[] gradient(Loss loss, double[] a, double[] y, int rows, int cols) {
        double[] t = denseTargets(loss, y, rows, cols);
        double scale = loss.gradientScale(cols);
        double[] grad = new double[rows * cols];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = scale * (a[i] - t[i]);
        }
        return grad;
    }

    /**
     * Whether {@code index} names a column of a row of {@code cols}: an integer in
     * {@code [0, cols)} (NaN, infinities and fractions do not).
     *
     * @param index a sparse target value, meant as a class index
     * @param cols  the number of classes (columns in an output row)
     * @return true when {@code index} is an integer in {@code [0, cols)}
     */
    public static boolean isClass(double index, int cols) {
        return index >= 0 && index < cols && index == Math.floor(index);
    }

    /**
     * Targets as {@code rows × cols}: a sparse loss's class indices become one-hot rows, and a
     * row whose index is not a class becomes a row of NaN.
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
            };
        }
        return sum;
    }
}
