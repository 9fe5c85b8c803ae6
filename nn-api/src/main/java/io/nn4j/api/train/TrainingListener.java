package io.nn4j.api.train;

import io.nn4j.api.metrics.EpochStats;
/**
 * Hears about training progress; every method does nothing unless overridden.
 *
 * <p>Threads: {@code Trainer.fit} calls a listener on the thread that trains; a listener shared by
 * trainers on several threads must guard its own state.
 */
public interface TrainingListener {

    /**
     * Called after each training step of an epoch ({@code batch} counts from 1).
     *
     * @param epoch the epoch, counted from 1
     * @param batch the step just finished, counted from 1
     * @param batchesPerEpoch the steps in each epoch
     */
    default void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
    }

    /**
     * Called every {@link Trainer.Builder#runningLossEvery} batches with the mean loss of the
     * epoch's batches so far ({@code batch} counts from 1).
     *
     * @param epoch the epoch, counted from 1
     * @param batch the step just finished, counted from 1
     * @param meanLoss the mean loss of the epoch's batches so far
     */
    default void onRunningLoss(int epoch, int batch, double meanLoss) {
    }

    /**
     * Called after each epoch's training and evaluation by the default
     * {@link #onEpochEnd(EpochStats, TrainingControl)}.
     *
     * @param stats the epoch's statistics
     */
    default void onEpochEnd(EpochStats stats) {
    }

    /**
     * Called after each epoch's training, evaluation and checkpoint; the listener may end the
     * fit cleanly after this epoch with {@link TrainingControl#requestStop}, and {@code fit} then
     * returns the history. Every listener hears of the epoch, also after another one asked to
     * stop. By default calls {@link #onEpochEnd(EpochStats)}.
     *
     * @param stats the epoch's statistics
     * @param control the fit's control, to ask for a stop
     */
    default void onEpochEnd(EpochStats stats, TrainingControl control) {
        onEpochEnd(stats);
    }
}
