package io.nn4j.api.train;

/**
 * What one epoch of training measured.
 *
 * @param epoch             1-based epoch number
 * @param trainLoss         mean loss over the epoch's training batches, as they were trained
 * @param testLoss          mean loss on the test set after the epoch
 * @param testAccuracy      fraction of test examples classified correctly after the epoch
 * @param trainSeconds      wall time of the epoch's training steps, evaluation excluded
 * @param examplesPerSecond training examples divided by {@code trainSeconds}
 */
public record EpochStats(int epoch, double trainLoss, double testLoss, double testAccuracy,
                         double trainSeconds, double examplesPerSecond) {
}
