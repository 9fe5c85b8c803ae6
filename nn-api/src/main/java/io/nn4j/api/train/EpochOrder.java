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
     *
     * @param order receives the permutation
     * @param seed  the trainer's seed
     * @param epoch the epoch, from 1
     */
    public static void fill(int[] order, long seed, int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle(order, new Random(seed + epoch * EPOCH_STRIDE));
    }

    /** Shuffles {@code values} in place, Fisher-Yates, drawing from {@code random}. */
    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
