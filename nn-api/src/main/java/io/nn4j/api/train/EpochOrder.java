package io.nn4j.api.train;

import java.util.Random;

/**
 * The order in which an epoch visits the training examples: a Fisher-Yates shuffle drawn from
 * the trainer's seed and the epoch number, so the same seed gives the same batches on every
 * backend, after a resume, and when the divergence check replays a window's batches. Code that
 * trains or times {@link TrainingStep}s outside {@link Trainer#fit} draws the same batches
 * through it. Stateless: safe from any thread.
 */
public final class EpochOrder {
    private static final long EPOCH_STRIDE = 0x9E3779B97F4A7C15L;

    private EpochOrder() {
    }

    /**
     * Writes epoch {@code epoch}'s permutation (epochs count from 1 in {@link Trainer#fit}) of
     * {@code 0 … order.length − 1} into {@code order}, for the trainer's seed {@code seed}.
     */
    public static void fill(int[] order, long seed, int epoch) {
        Random random = new Random(seed + epoch * EPOCH_STRIDE);
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
