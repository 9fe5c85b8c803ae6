package io.nn4j.api.train;

import io.nn4j.api.metrics.EpochStats;

/**
 * A figure of {@link EpochStats} that {@link EarlyStopping} and {@link ReduceLrOnPlateau}
 * watch, with the direction that counts as better: lower for a loss, higher for an accuracy.
 * The test set is never watched: it is only reported.
 *
 * <p>Immutable: safe to share between threads.
 */
public enum Monitor {
    /** The mean loss on the validation set: lower is better. */
    VALIDATION_LOSS(false, true),
    /** The accuracy on the validation set: higher is better. */
    VALIDATION_ACCURACY(true, true),
    /** The epoch's mean training loss, as trained: lower is better; needs no validation set. */
    TRAIN_LOSS(false, false);

    private final boolean higherIsBetter;
    private final boolean needsValidation;

    Monitor(boolean higherIsBetter, boolean needsValidation) {
        this.higherIsBetter = higherIsBetter;
        this.needsValidation = needsValidation;
    }

    /**
     * Whether a higher value is an improvement (mode max) rather than a lower one (mode min).
     *
     * @return true for an accuracy, false for a loss
     */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Whether the figure exists only when the fit has a validation set.
     *
     * @return true for the validation figures
     */
    public boolean needsValidation() {
        return needsValidation;
    }

    /**
     * The watched figure of an epoch.
     *
     * @param stats the epoch's statistics
     * @return the figure this monitor watches
     */
    public double read(EpochStats stats) {
        return switch (this) {
            case VALIDATION_LOSS -> stats.validationLoss();
            case VALIDATION_ACCURACY -> stats.validationAccuracy();
            case TRAIN_LOSS -> stats.trainLoss();
        };
    }

    /**
     * Whether {@code value} improves on {@code best} by more than {@code minDelta}; any value
     * improves on a {@code best} that is NaN (nothing seen yet).
     */
    boolean improves(double value, double best, double minDelta) {
        if (Double.isNaN(best)) {
            return true;
        }
        return higherIsBetter ? value > best + minDelta : value < best - minDelta;
    }

    /** Refuses a fit without a validation set when this figure needs one. */
    void checkAvailable(boolean hasValidation, String user) {
        if (needsValidation && !hasValidation) {
            throw new IllegalArgumentException(user + " monitors " + this + " but this fit has "
                    + "no validation set; set Trainer.Builder.validationSplit, pass a Split with "
                    + "a validation set to fit, or monitor TRAIN_LOSS");
        }
    }

    /** Checks a minimum change: finite and at least 0. */
    static double checkMinDelta(double minDelta, String user) {
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException(user + " minDelta must be finite and >= 0, got "
                    + minDelta);
        }
        return minDelta;
    }

    /** Checks a patience: at least 1 epoch. */
    static int checkPatience(int patience, String user) {
        if (patience < 1) {
            throw new IllegalArgumentException(user + " patience must be at least 1 epoch, got "
                    + patience);
        }
        return patience;
    }
}
