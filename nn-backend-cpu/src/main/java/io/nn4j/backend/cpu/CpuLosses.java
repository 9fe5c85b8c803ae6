package io.nn4j.backend.cpu;

import io.nn4j.api.Loss;

/** Loss values, loss gradients and accuracy counts on row-major {@code rows × cols} arrays. */
final class CpuLosses {

    private CpuLosses() {
    }

    /** The per-example gradient; see {@link Loss}. */
    static void gradient(Loss loss, float[] output, float[] target, float[] grad, int rows,
                         int cols) {
        int n = rows * cols;
        switch (loss) {
            case MEAN_SQUARED_ERROR -> {
                float scale = 2f / cols;
                for (int i = 0; i < n; i++) {
                    grad[i] = scale * (output[i] - target[i]);
                }
            }
            case CATEGORICAL_CROSSENTROPY -> {
                for (int i = 0; i < n; i++) {
                    grad[i] = output[i] - target[i];
                }
            }
            default -> throw new IllegalArgumentException("unsupported loss " + loss);
        }
    }

    /** The sum over rows of the per-example loss. */
    static double sum(Loss loss, float[] output, float[] target, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int offset = r * cols;
            double example = 0;
            switch (loss) {
                case MEAN_SQUARED_ERROR -> {
                    for (int j = 0; j < cols; j++) {
                        double d = output[offset + j] - target[offset + j];
                        example += d * d;
                    }
                    example /= cols;
                }
                case CATEGORICAL_CROSSENTROPY -> {
                    for (int j = 0; j < cols; j++) {
                        example -= target[offset + j]
                                * Math.log(Math.max(output[offset + j], Loss.LOG_CLAMP));
                    }
                }
                default -> throw new IllegalArgumentException("unsupported loss " + loss);
            }
            total += example;
        }
        return total;
    }

    /** Number of rows whose output and target peak at the same column. */
    static int correct(float[] output, float[] target, int rows, int cols) {
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (argmax(output, r * cols, cols) == argmax(target, r * cols, cols)) {
                count++;
            }
        }
        return count;
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
