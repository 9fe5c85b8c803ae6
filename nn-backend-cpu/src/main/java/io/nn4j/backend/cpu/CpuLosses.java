package io.nn4j.backend.cpu;

import io.nn4j.api.Backend;
import io.nn4j.api.Loss;

/**
 * Loss values, loss gradients and accuracy counts on row-major arrays: outputs {@code rows × cols},
 * targets {@code rows × cols}, or {@code rows × 1} class indices for the sparse loss (see
 * {@link #isClass} for an index that names no class).
 */
final class CpuLosses {
    private CpuLosses() {
    }

    /** The per-example gradient; see {@link Loss}. */
    static void gradient(Loss loss, float[] output, float[] target, float[] grad, int rows,
                         int cols) {
        int n = rows * cols;
        float scale = (float) loss.gradientScale(cols);
        if (loss != Loss.SPARSE_CATEGORICAL_CROSSENTROPY) {
            for (int i = 0; i < n; i++) {
                grad[i] = scale * (output[i] - target[i]);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            float c = target[r];
            boolean valid = isClass(c, cols);
            for (int j = 0; j < cols; j++) {
                float y = valid ? (j == (int) c ? 1f : 0f) : Float.NaN;
                grad[r * cols + j] = scale * (output[r * cols + j] - y);
            }
        }
    }

    /** The sum over rows of the per-example loss. */
    static double sum(Loss loss, float[] output, float[] target, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            total += example(loss, output, target, r, cols);
        }
        return total;
    }

    private static double example(Loss loss, float[] output, float[] target, int row, int cols) {
        int offset = row * cols;
        double sum = 0;
        switch (loss) {
            case MEAN_SQUARED_ERROR -> {
                for (int j = offset; j < offset + cols; j++) {
                    double d = output[j] - target[j];
                    sum += d * d;
                }
                return sum / cols;
            }
            case CATEGORICAL_CROSSENTROPY -> {
                for (int j = offset; j < offset + cols; j++) {
                    if (target[j] != 0f) { // a zero target adds nothing: one log per one-hot row
                        sum -= target[j] * Math.log(Math.max(output[j], Loss.LOG_CLAMP));
                    }
                }
                return sum;
            }
            case SPARSE_CATEGORICAL_CROSSENTROPY -> {
                float c = target[row];
                return isClass(c, cols)
                        ? -Math.log(Math.max(output[offset + (int) c], Loss.LOG_CLAMP))
                        : Double.NaN;
            }
            case BINARY_CROSSENTROPY -> {
                for (int j = offset; j < offset + cols; j++) {
                    double a = Math.min(Math.max(output[j], Loss.LOG_CLAMP), 1 - Loss.LOG_CLAMP);
                    sum -= target[j] * Math.log(a) + (1 - target[j]) * Math.log(1 - a);
                }
                return sum / cols;
            }
            default -> throw new IllegalArgumentException("unsupported loss " + loss);
        }
    }

    /**
     * Number of rows classified correctly: argmax against argmax, against a class index when the
     * target has one column, or both sides of 0.5 for a single output.
     */
    static int correct(float[] output, float[] target, int rows, int cols, int targetCols) {
        int count = 0;
        for (int r = 0; r < rows; r++) {
            boolean right;
            if (cols == 1) {
                right = (output[r] >= Backend.BINARY_THRESHOLD) == (target[r] >= Backend.BINARY_THRESHOLD);
            } else if (targetCols == 1) {
                right = isClass(target[r], cols)
                        && argmax(output, r * cols, cols) == (int) target[r];
            } else {
                right = argmax(output, r * cols, cols) == argmax(target, r * cols, cols);
            }
            if (right) {
                count++;
            }
        }
        return count;
    }

    /**
     * Whether a sparse target names a column of a row of {@code cols}: an integer in
     * {@code [0, cols)}. Any other value (NaN, infinite, fractional, out of range) gives a NaN
     * loss and a NaN gradient row and is never counted correct, and nothing outside the row is
     * read or written.
     */
    static boolean isClass(float index, int cols) {
        return index >= 0 && index < cols && index == (float) Math.floor(index);
    }

    /** The column of the first largest element of one row. */
    static int argmax(float[] m, int offset, int cols) {
        int best = 0;
        for (int j = 1; j < cols; j++) {
            if (m[offset + j] > m[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
