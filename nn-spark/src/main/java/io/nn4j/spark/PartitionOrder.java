package io.nn4j.spark;

import io.nn4j.api.train.EpochOrder;

/**
 * The order in which a partition visits its examples in an epoch: {@link EpochOrder}'s shuffle,
 * drawn from the trainer's seed mixed with the partition's index, so partitions shuffle
 * differently and the same seed gives the same batches on every run, retry and backend.
 * Stateless: safe from any thread.
 */
final class PartitionOrder {
    /** An odd constant far from small seeds, so that seeds s and s + 1 give unrelated orders. */
    private static final long PARTITION_STRIDE = 0xC2B2AE3D27D4EB4FL;

    private PartitionOrder() {
    }

    /** Epoch {@code epoch}'s (from 1) permutation of partition {@code partition}'s rows. */
    static int[] of(int rows, long seed, int partition, int epoch) {
        int[] order = new int[rows];
        EpochOrder.fill(order, seed + (partition + 1L) * PARTITION_STRIDE, epoch);
        return order;
    }
}
