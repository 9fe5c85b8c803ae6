package io.nn4j.api.train;

/**
 * Lets a {@link TrainingListener} end a fit cleanly: a stop requested in
 * {@link TrainingListener#onEpochEnd(io.nn4j.api.metrics.EpochStats, TrainingControl)} ends the
 * fit after that epoch (its checkpoint written, every listener told), and {@code fit} returns the
 * history as usual, instead of an exception that loses it.
 *
 * <p>One per fit; used on the training thread only, not safe to share between threads.
 */
public final class TrainingControl {
    private String stopReason;

    TrainingControl() {
    }

    /**
     * Asks the fit to end after the current epoch; the first reason given is kept.
     *
     * @param reason why, for the log
     */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = String.valueOf(reason);
        }
    }

    /**
     * Whether a stop was requested in this fit.
     *
     * @return true once {@link #requestStop} was called
     */
    public boolean stopRequested() {
        return stopReason != null;
    }

    /**
     * The reason of the stop requested first.
     *
     * @return the reason, or null when none was requested
     */
    public String stopReason() {
        return stopReason;
    }
}
