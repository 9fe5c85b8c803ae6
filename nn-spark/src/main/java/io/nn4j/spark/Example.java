package io.nn4j.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training example for {@link SparkTrainer#fit(org.apache.spark.api.java.JavaRDD,
 * io.nn4j.api.Backend)}: its features and its targets as the loss takes them (a class index for
 * sparse categorical cross-entropy, a one-hot row for categorical cross-entropy, values for
 * mean squared error). Whether they fit the model and the loss is checked where each partition
 * is packed, naming the partition and the row.
 *
 * <p>Immutable in use (the arrays are not copied: do not change them after making the example)
 * and safe to share between threads.
 *
 * @param features the example's features, as many as the model's inputs
 * @param targets  its targets, as many as the loss takes for the model's outputs
 * @serial exclude (Spark's task serialization only, not a stored format)
 */
public record Example(float[] features, float[] targets) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Checks that both arrays are there.
     *
     * @param features the example's features
     * @param targets its targets
     */
    public Example {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
    }

    /**
     * An example with one target value: a class index (sparse categorical cross-entropy), a 0/1
     * label (binary cross-entropy) or a value (mean squared error with one output).
     *
     * @param features the example's features
     * @param target its one target
     * @return the example
     */
    public static Example of(float[] features, float target) {
        return new Example(features, new float[] {target});
    }
}
