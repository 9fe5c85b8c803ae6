package io.nn4j.api.testkit;

import io.nn4j.api.train.TrainingListener;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Measures the Java heap bytes the training thread allocates in the steps of each epoch from
 * {@code firstEpoch} on: from the end of the second batch to the end of the last, so what an
 * epoch's start does (shuffling, the first step after the evaluation) is outside the window.
 *
 * <p>A step that allocates does so in every epoch; the JIT does not. While it compiles the
 * training loop, a deoptimization or a first resolution costs some bytes once, in one to three
 * steps of one epoch: 192 to 2,272 bytes with {@code -XX:-DoEscapeAnalysis}, which brings it
 * on every run, and 5,472 in one CI run on a busy machine. So a test asserts on
 * {@link #quietestEpochBytes()}, the least any measured epoch allocated. The listener itself
 * allocates nothing between its readings.
 */
public final class StepAllocationMeter implements TrainingListener {
    private static final int FIRST_BATCH_MEASURED = 2;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final int firstEpoch;
    private final long[] bytesByEpoch;
    private long windowStart;
    private int stepsPerEpoch;

    /** Measures epochs {@code firstEpoch} to {@code lastEpoch}, both counted from 1. */
    public StepAllocationMeter(int firstEpoch, int lastEpoch) {
        if (firstEpoch < 1 || lastEpoch < firstEpoch) {
            throw new IllegalArgumentException("epochs " + firstEpoch + " to " + lastEpoch
                    + "; expected 1 <= firstEpoch <= lastEpoch");
        }
        this.firstEpoch = firstEpoch;
        this.bytesByEpoch = new long[lastEpoch - firstEpoch + 1];
        Arrays.fill(bytesByEpoch, -1);
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
        int slot = epoch - firstEpoch;
        if (slot < 0 || slot >= bytesByEpoch.length) {
            return;
        }
        if (batch == FIRST_BATCH_MEASURED) {
            windowStart = threads.getCurrentThreadAllocatedBytes();
        } else if (batch == batchesPerEpoch && batch > FIRST_BATCH_MEASURED) {
            bytesByEpoch[slot] = threads.getCurrentThreadAllocatedBytes() - windowStart;
            stepsPerEpoch = batch - FIRST_BATCH_MEASURED;
        }
    }

    /**
     * The fewest bytes allocated by the measured steps of one epoch.
     *
     * @throws IllegalStateException if an epoch in the range was not measured (too few
     *                               epochs, or fewer than three batches an epoch)
     */
    public long quietestEpochBytes() {
        long least = Long.MAX_VALUE;
        for (int slot = 0; slot < bytesByEpoch.length; slot++) {
            if (bytesByEpoch[slot] < 0) {
                throw new IllegalStateException("epoch " + (firstEpoch + slot)
                        + " was not measured; " + this);
            }
            least = Math.min(least, bytesByEpoch[slot]);
        }
        return least;
    }

    /** Steps measured in each epoch: the batches after the second. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /**
     * The most bytes the measured steps of an epoch may allocate and still allocate nothing
     * per step: any object takes at least 16 bytes, so a step that allocates puts the epoch
     * at or above {@code 16 × stepsPerEpoch()}.
     */
    public long perStepAllocationThreshold() {
        return 16L * stepsPerEpoch;
    }

    @Override
    public String toString() {
        return "bytes allocated by the " + stepsPerEpoch + " measured steps of epochs "
                + firstEpoch + " to " + (firstEpoch + bytesByEpoch.length - 1) + ": "
                + Arrays.toString(bytesByEpoch);
    }
}
