package io.nn4j.api.train;

/**
 * A model's loss and accuracy on a data set.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param loss     mean per-example loss
 * @param accuracy fraction of examples whose largest output matches the largest target
 * @param examples number of examples evaluated
 */
public record Evaluation(double loss, double accuracy, int examples) {
}
