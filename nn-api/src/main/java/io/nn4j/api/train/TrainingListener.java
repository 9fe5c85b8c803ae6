package io.nn4j.api.train;

import io.nn4j.api.metrics.EpochStats;
/**
 * Hears about training progress; every method does nothing unless overridden.
 *
 * <p>Threads: {@code Trainer.fit} calls a listener on the thread that trains; a listener shared by
 * trainers on several threads must guard its own state.
 */
public interface TrainingListener {

    /** Called after each training step of an epoch ({@code batch} counts from 1). */
    default void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
    }

    /**
     * Called every {@link Trainer.Builder#runningLossEvery} batches with the mean loss of the
     * epoch's batches so far ({@code batch} counts from 1).
     */
    default void onRunningLoss(int epoch, int batch, double meanLoss) {
    }

    /** Called after each epoch's training and evaluation. */
    default void onEpochEnd(EpochStats stats) {
    }
}
