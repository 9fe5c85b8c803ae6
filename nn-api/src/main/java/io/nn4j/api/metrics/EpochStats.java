package io.nn4j.api.metrics;

/**
 * What one epoch of training measured. Immutable, so safe to share between threads.
 *
 * <p>The validation set is the one training watches (early stopping and a plateau schedule
 * decide on it); the test set is only measured and reported, never used for a decision.
 *
 * @param epoch              1-based epoch number; it continues across the {@code fit} calls of
 *                           one trainer on one model
 * @param trainLoss          mean loss over the epoch's training batches, as they were trained
 *                           (weighted by the class weights, when the trainer has them)
 * @param testLoss           mean loss on the test set after the epoch; NaN when the fit had no
 *                           test set ({@code Trainer.fit(model, train)})
 * @param testAccuracy       fraction of test examples classified correctly after the epoch; NaN
 *                           when the fit had no test set, and for a regression model (loss mean
 *                           squared error), which has no accuracy
 * @param trainSeconds       wall time of the epoch's training steps, evaluation excluded
 * @param examplesPerSecond  training examples divided by {@code trainSeconds}
 * @param validationLoss     mean (unweighted) loss on the validation set after the epoch; NaN
 *                           when the fit had no validation set
 * @param validationAccuracy fraction of validation examples classified correctly after the
 *                           epoch; NaN when the fit had no validation set
 * @param learningRate       the optimizer's learning rate during the epoch (schedule and
 *                           plateau reductions applied); NaN when unknown (a checkpoint written
 *                           before format version 3)
 */
public record EpochStats(int epoch, double trainLoss, double testLoss, double testAccuracy,
                         double trainSeconds, double examplesPerSecond, double validationLoss,
                         double validationAccuracy, double learningRate) {

    /**
     * An epoch without a validation set and with an unknown learning rate: those three are NaN.
     *
     * @param epoch             1-based epoch number
     * @param trainLoss         mean loss over the epoch's training batches
     * @param testLoss          mean loss on the test set, or NaN
     * @param testAccuracy      accuracy on the test set, or NaN
     * @param trainSeconds      wall time of the epoch's training steps
     * @param examplesPerSecond training examples divided by {@code trainSeconds}
     */
    public EpochStats(int epoch, double trainLoss, double testLoss, double testAccuracy,
                      double trainSeconds, double examplesPerSecond) {
        this(epoch, trainLoss, testLoss, testAccuracy, trainSeconds, examplesPerSecond,
                Double.NaN, Double.NaN, Double.NaN);
    }
}
