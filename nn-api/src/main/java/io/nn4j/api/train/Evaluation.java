package io.nn4j.api.train;

import io.nn4j.api.metrics.ClassificationMetrics;
import io.nn4j.api.metrics.RegressionMetrics;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's loss on a data set and the metrics that fit its task, as
 * {@link Trainer#evaluate(io.nn4j.api.nn.Sequential, Dataset, io.nn4j.api.Loss, int)} measures
 * them. The task comes from the loss: mean squared error is regression, and gives
 * {@link #regression()}; the cross-entropies are classification, and give
 * {@link #classification()}. At most one of the two is present; a regression model has no
 * accuracy ({@link #accuracy()} is NaN).
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param loss           mean per-example loss, summed on the backend
 * @param accuracy       fraction of examples classified correctly (see
 *                       {@link ClassificationMetrics#predictedClass}); NaN for regression
 * @param examples       number of examples evaluated
 * @param classification for a classifier, its confusion matrix, per-class precision, recall
 *                       and F1, and top-k accuracy; empty for regression, and in the test
 *                       figures {@code Trainer.fit} measures after each epoch
 * @param regression     for a regression model, its MSE, RMSE, MAE and R²; empty otherwise
 */
public record Evaluation(double loss, double accuracy, int examples,
                         Optional<ClassificationMetrics> classification,
                         Optional<RegressionMetrics> regression) {

    /**
     * Checks that at most one task's metrics are present.
     *
     * @param loss           mean per-example loss
     * @param accuracy       fraction classified correctly, NaN for regression
     * @param examples       number of examples evaluated
     * @param classification a classifier's metrics, or empty
     * @param regression     a regression model's metrics, or empty
     */
    public Evaluation {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(regression, "regression");
        if (classification.isPresent() && regression.isPresent()) {
            throw new IllegalArgumentException("an evaluation is of a classifier or of a "
                    + "regression model, not both");
        }
    }

    /**
     * The loss and accuracy alone, without per-example metrics.
     *
     * @param loss     mean per-example loss
     * @param accuracy fraction classified correctly, NaN for regression
     * @param examples number of examples evaluated
     */
    public Evaluation(double loss, double accuracy, int examples) {
        this(loss, accuracy, examples, Optional.empty(), Optional.empty());
    }
}
