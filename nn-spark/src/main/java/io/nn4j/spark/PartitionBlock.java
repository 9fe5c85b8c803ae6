package io.nn4j.spark;

import io.nn4j.api.train.Dataset;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;

/**
 * One partition's examples packed once into two float arrays, row-major, and cached by Spark
 * (memory, deserialized): every round's task finds the same object and trains on it. The
 * {@link Dataset} over the arrays, whose value check scans them, is made on first use in each
 * JVM and kept with the block; a block that Spark evicts and recomputes only costs that again.
 *
 * <p>Threads: the arrays are never written after packing; {@link #dataset()} is synchronized,
 * for a speculative copy of a task running beside the original.
 */
final class PartitionBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final int featureCount;
    final int targetCount;
    private final float[] features;
    private final float[] targets;
    private transient Dataset dataset;

    private PartitionBlock(int partition, int rows, int featureCount, int targetCount,
                           float[] features, float[] targets) {
        this.partition = partition;
        this.rows = rows;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.features = features;
        this.targets = targets;
    }

    /**
     * Packs partition {@code partition}'s examples, checking each against the widths expected.
     *
     * @throws IllegalArgumentException naming the partition, the row, what it has and what was
     *                                  expected
     */
    static PartitionBlock pack(int partition, Iterator<Example> examples, int featureCount,
                               int targetCount) {
        float[] x = new float[featureCount * 256];
        float[] y = new float[targetCount * 256];
        int rows = 0;
        while (examples.hasNext()) {
            Example example = examples.next();
            check("features", example.features().length, featureCount, partition, rows);
            check("targets", example.targets().length, targetCount, partition, rows);
            if ((long) (rows + 1) * featureCount > x.length) {
                long grown = Math.min((long) x.length * 2, Integer.MAX_VALUE - 8);
                if (grown < (long) (rows + 1) * featureCount) {
                    throw new IllegalArgumentException("partition " + partition + " holds more "
                            + "than " + rows + " examples of " + featureCount + " features, more "
                            + "than one array can; repartition the data into more partitions");
                }
                x = Arrays.copyOf(x, (int) grown);
                y = Arrays.copyOf(y, (int) (grown / featureCount * targetCount));
            }
            System.arraycopy(example.features(), 0, x, rows * featureCount, featureCount);
            System.arraycopy(example.targets(), 0, y, rows * targetCount, targetCount);
            rows++;
        }
        return new PartitionBlock(partition, rows, featureCount, targetCount,
                Arrays.copyOf(x, rows * featureCount), Arrays.copyOf(y, rows * targetCount));
    }

    private static void check(String what, int length, int expected, int partition, int row) {
        if (length != expected) {
            throw new IllegalArgumentException("partition " + partition + ", row " + row + ": "
                    + length + " " + what + "; expected " + expected + " (the model's "
                    + (what.equals("features") ? "input width" : "targets under its loss") + ")");
        }
    }

    /**
     * The examples as a data set (checked for non-finite values once per JVM); null for an empty
     * partition.
     *
     * @throws IllegalArgumentException naming the partition, row, column and value of a NaN or
     *                                  infinite value
     */
    synchronized Dataset dataset() {
        if (dataset == null && rows > 0) {
            try {
                dataset = new Dataset(features, featureCount, targets, targetCount);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("partition " + partition + ": "
                        + e.getMessage(), e);
            }
        }
        return dataset;
    }
}
