package io.nn4j.api.train;

import io.nn4j.api.Loss;

/**
 * Checks on the host, before any training or evaluation, that a data set's targets are what
 * its loss expects for a model with a given number of outputs, so a bad target is refused by
 * name on every backend instead of reaching a kernel:
 * <ul>
 *   <li>{@link Loss#SPARSE_CATEGORICAL_CROSSENTROPY}: a class index, an integer in
 *       {@code [0, outputs)};</li>
 *   <li>{@link Loss#CATEGORICAL_CROSSENTROPY}: values in {@code [0, 1]}, each row summing to 1
 *       within {@link #ROW_SUM_TOLERANCE} (one-hot rows or soft labels), because the fused
 *       softmax gradient {@code A − Y} is the loss's gradient only when the row sums to 1;</li>
 *   <li>{@link Loss#BINARY_CROSSENTROPY}: values in {@code [0, 1]};</li>
 *   <li>{@link Loss#MEAN_SQUARED_ERROR}: finite values.</li>
 * </ul>
 * Stateless: safe from any thread.
 */
final class TargetCheck {
    /** How far a categorical cross-entropy target row's sum may be from 1 (float rounding). */
    static final double ROW_SUM_TOLERANCE = 1e-3;

    private TargetCheck() {
    }

    /**
     * Refuses the first target of {@code data} that {@code loss} cannot take.
     *
     * @param role what the data is for, e.g. {@code training}, for the message
     * @throws IllegalArgumentException naming the role, row, column and value, and what the
     *                                  loss expects
     */
    static void check(Dataset data, Loss loss, int outputs, String role) {
        float[] targets = data.targets();
        int width = data.targetCount();
        for (int row = 0; row < data.size(); row++) {
            double sum = 0;
            for (int col = 0; col < width; col++) {
                float value = targets[row * width + col];
                if (!fits(loss, value, outputs)) {
                    throw new IllegalArgumentException("the " + role + " data's targets row "
                            + row + ", column " + col + " is " + value + "; " + loss.id()
                            + " expects " + expectation(loss, outputs));
                }
                sum += value;
            }
            if (loss == Loss.CATEGORICAL_CROSSENTROPY
                    && !(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
                throw new IllegalArgumentException("the " + role + " data's targets row " + row
                        + " sums to " + (float) sum + "; " + loss.id() + " expects "
                        + expectation(loss, outputs));
            }
        }
    }

    private static boolean fits(Loss loss, float value, int outputs) {
        return switch (loss) {
            case SPARSE_CATEGORICAL_CROSSENTROPY -> value >= 0 && value < outputs
                    && value == Math.floor(value);
            case CATEGORICAL_CROSSENTROPY, BINARY_CROSSENTROPY -> value >= 0 && value <= 1;
            case MEAN_SQUARED_ERROR -> Float.isFinite(value);
        };
    }

    private static String expectation(Loss loss, int outputs) {
        return switch (loss) {
            case SPARSE_CATEGORICAL_CROSSENTROPY -> "a class index, an integer in [0, " + outputs
                    + ") for a model with " + outputs + " outputs";
            case CATEGORICAL_CROSSENTROPY -> "probabilities in [0, 1], each row summing to 1 "
                    + "within " + ROW_SUM_TOLERANCE + " (one-hot rows or soft labels)";
            case BINARY_CROSSENTROPY -> "targets in [0, 1]";
            case MEAN_SQUARED_ERROR -> "finite targets";
        };
    }
}
