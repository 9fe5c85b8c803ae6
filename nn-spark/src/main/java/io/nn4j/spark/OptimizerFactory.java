package io.nn4j.spark;

import io.nn4j.api.train.Optimizer;
import java.io.Serializable;

/**
 * Makes the optimizer each partition trains with, in the Spark task, at the learning rate the
 * {@link SparkTrainer} chose (the base rate, times the partition count when the trainer scales
 * it): e.g. {@code rate -> new Sgd(rate).momentum(0.9f, false)} or {@code Adam::new}. It is
 * serialized with the task, so a lambda of this type must capture only serializable values.
 *
 * <p>Threads: called by every task, on the tasks' threads at once; it must make a new optimizer
 * on every call and keep no state.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {

    /**
     * A new optimizer at {@code learningRate}.
     *
     * @param learningRate the base learning rate for this run, positive
     * @return a new optimizer, owned by the caller
     */
    Optimizer create(float learningRate);
}
