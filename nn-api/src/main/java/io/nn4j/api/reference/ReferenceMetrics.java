package io.nn4j.api.reference;

import io.nn4j.api.metrics.RegressionMetrics;

/**
 * Regression metrics in float64 by the textbook formulas, two passes per output (the targets'
 * mean, then the sums): what {@code Trainer.evaluate}'s one-pass tally is checked against.
 *
 * <p>Stateless: safe from any thread.
 */
public final class ReferenceMetrics {
    private ReferenceMetrics() {
    }

    /**
     * MSE, MAE and R² of {@code outputs} against {@code targets}, both {@code [rows, columns]}
     * row-major, as {@link RegressionMetrics} defines them: R² per column, averaged, and for a
     * column whose target is constant 1 when every output of it is exact, else 0.
     *
     * @param outputs the predictions, row-major
     * @param targets the true values, row-major, as many as {@code outputs}
     * @param columns values per row, at least 1
     * @return the metrics
     * @throws IllegalArgumentException when the arrays differ in length or hold no whole rows
     */
    public static RegressionMetrics regression(double[] outputs, double[] targets, int columns) {
        if (outputs.length != targets.length || columns < 1 || targets.length == 0
                || targets.length % columns != 0) {
            throw new IllegalArgumentException("regression: " + outputs.length + " outputs and "
                    + targets.length + " targets; expected as many, whole rows of " + columns);
        }
        int rows = targets.length / columns;
        double squared = 0;
        double absolute = 0;
        double r2 = 0;
        for (int j = 0; j < columns; j++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += targets[r * columns + j];
            }
            mean /= rows;
            double total = 0;
            double residual = 0;
            for (int r = 0; r < rows; r++) {
                double y = targets[r * columns + j];
                double e = outputs[r * columns + j] - y;
                total += (y - mean) * (y - mean);
                residual += e * e;
                absolute += Math.abs(e);
            }
            squared += residual;
            r2 += total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
        }
        return new RegressionMetrics(squared / targets.length, absolute / targets.length,
                r2 / columns);
    }
}
