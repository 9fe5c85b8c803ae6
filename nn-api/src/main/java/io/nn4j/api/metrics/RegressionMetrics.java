package io.nn4j.api.metrics;

import java.util.Locale;

/**
 * How far a regression model's outputs are from its targets, over every output of every
 * example, computed in float64 from the float32 outputs. With {@code e = a − y} for output
 * {@code a} and target {@code y}, over {@code n} examples of {@code K} outputs:
 * <ul>
 *   <li>{@code mse} = {@code Σ e² / (n K)}, the mean squared error;</li>
 *   <li>{@code mae} = {@code Σ |e| / (n K)}, the mean absolute error;</li>
 *   <li>{@code r2} = the coefficient of determination, {@code 1 − Σ e² / Σ (y − ȳ)²} per
 *       output, averaged over the {@code K} outputs (scikit-learn's {@code r2_score} with its
 *       default uniform average). 1 is a perfect fit, 0 no better than always predicting the
 *       mean, and it is negative for worse. For an output whose target is the same on every
 *       example ({@code Σ (y − ȳ)² = 0}) R² is undefined; that output counts as 1 when every
 *       prediction of it is exact and as 0 otherwise, as scikit-learn does.</li>
 * </ul>
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param mse the mean squared error
 * @param mae the mean absolute error
 * @param r2  the coefficient of determination, averaged over the outputs
 */
public record RegressionMetrics(double mse, double mae, double r2) {

    /**
     * The root of the mean squared error, in the targets' units.
     *
     * @return {@code √mse}
     */
    public double rmse() {
        return Math.sqrt(mse);
    }

    /** One line: MSE, RMSE, MAE and R². */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MSE %.6g, RMSE %.6g, MAE %.6g, R² %.4f", mse, rmse(),
                mae, r2);
    }
}
