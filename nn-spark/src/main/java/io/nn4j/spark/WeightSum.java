package io.nn4j.spark;

import java.io.Serializable;

/**
 * The sum, over partitions, of each partition's trained values (weights, and optimizer state
 * when it is averaged) times the examples it trained on, with the examples and the summed loss:
 * what {@code treeAggregate} combines. {@link #mean()} is the round's weighted average.
 *
 * <p>Sums are kept as double-double pairs (a double and its rounding error, Knuth's two-sum),
 * so the result does not depend on the order in which Spark combines the partitions (that order
 * follows the tasks' finishing times): the float average comes out the same bit for bit except
 * when the exact sum lies within about 2^-100 of a rounding boundary. The zero is made empty in
 * the task and grows on the first add, so no vector travels in the closure.
 *
 * <p>Not safe to share between threads: each task and each combine step owns its sum.
 */
final class WeightSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private double[] high;
    private double[] low;
    private long examples;
    private double loss;
    private int partitions;

    /** The empty sum: {@code treeAggregate}'s zero. */
    WeightSum() {
    }

    /** Adds one partition's trained {@code values}, weighted by its {@code examples}. */
    WeightSum add(float[] values, long trainedExamples, double lossSum) {
        partitions++;
        loss += lossSum;
        if (trainedExamples == 0) {
            return this;
        }
        examples += trainedExamples;
        ensure(values.length);
        double weight = trainedExamples;
        for (int i = 0; i < values.length; i++) {
            accumulate(i, values[i] * weight, 0);
        }
        return this;
    }

    /** Adds {@code other} into this sum; returns this. */
    WeightSum merge(WeightSum other) {
        partitions += other.partitions;
        loss += other.loss;
        examples += other.examples;
        if (other.high != null) {
            ensure(other.high.length);
            for (int i = 0; i < high.length; i++) {
                accumulate(i, other.high[i], other.low[i]);
            }
        }
        return this;
    }

    private void ensure(int length) {
        if (high == null) {
            high = new double[length];
            low = new double[length];
        } else if (high.length != length) {
            throw new IllegalStateException("partitions returned " + high.length + " and "
                    + length + " values; expected the same model everywhere");
        }
    }

    /** {@code high[i] + low[i] += value + error}, keeping the rounding error of the add. */
    private void accumulate(int i, double value, double error) {
        double a = high[i];
        double sum = a + value;
        double virtual = sum - a;
        double roundOff = (a - (sum - virtual)) + (value - virtual);
        high[i] = sum;
        low[i] += roundOff + error;
    }

    /** The examples the partitions trained on. */
    long examples() {
        return examples;
    }

    /** The summed loss of those examples. */
    double loss() {
        return loss;
    }

    /** The partitions that reported, trained or not. */
    int partitions() {
        return partitions;
    }

    /**
     * The average of the values, each partition weighted by its examples.
     *
     * @throws IllegalStateException when no partition trained on any example
     */
    float[] mean() {
        if (high == null) {
            throw new IllegalStateException("no partition trained on any example this round");
        }
        float[] mean = new float[high.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) ((high[i] + low[i]) / examples);
        }
        return mean;
    }
}
