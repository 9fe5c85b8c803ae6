package io.nn4j.api.metrics;

/**
 * What one epoch of training measured. Immutable, so safe to share between threads.
 *
 * @param epoch             1-based epoch number
 * @param trainLoss         mean loss over the epoch's training batches, as they were trained
 * @param testLoss          mean loss on the test set after the epoch; NaN when the fit had no
 *                          test set ({@code Trainer.fit(model, train)})
 * @param testAccuracy      fraction of test examples classified correctly after the epoch; NaN
 *                          when the fit had no test set, and for a regression model (loss mean
 *                          squared error), which has no accuracy
 * @param trainSeconds      wall time of the epoch's training steps, evaluation excluded
 * @param examplesPerSecond training examples divided by {@code trainSeconds}
 */
public record EpochStats(int epoch, double trainLoss, double testLoss, double testAccuracy,
                         double trainSeconds, double examplesPerSecond) {
}
