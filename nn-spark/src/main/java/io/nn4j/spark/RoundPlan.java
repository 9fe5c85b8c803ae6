package io.nn4j.spark;

import java.io.Serializable;

/**
 * What one round's broadcast carries: where every partition starts (the averaged weights, and
 * the averaged optimizer state when it is averaged) and which of the epoch's batches it trains.
 * Immutable in use: safe to share between threads.
 *
 * @param epoch          the epoch, from 1
 * @param firstBatch     the first batch of the partition's epoch order trained, from 0
 * @param batches        the batches trained, at most (a partition stops at its last)
 * @param values         the parameters, one after another ({@link io.nn4j.api.FlatTensors}),
 *                       then the optimizer state when it is averaged
 * @param optimizerSteps the optimizer's step count to restore when its state is averaged
 */
record RoundPlan(int epoch, int firstBatch, int batches, float[] values, int optimizerSteps)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
