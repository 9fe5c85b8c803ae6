package io.nn4j.spark;

import io.nn4j.api.Loss;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * The settings every task of a fit reads, small enough to travel in the task's closure: the
 * model template's broadcast, the loss, the optimizer's factory and rate, the batch size, the
 * seed, the executors' backend and whether optimizer state is averaged. Immutable: safe to
 * share between threads.
 *
 * @param fitId          names the fit in the executors' caches
 * @param template       the model file of the initial model ({@link ModelTemplate})
 * @param loss           the loss
 * @param optimizer      makes each task's optimizer
 * @param learningRate   the rate given to {@code optimizer}, already scaled
 * @param batchSize      examples per step in each partition
 * @param seed           the seed of every partition's epoch order
 * @param backend        the executors' backend by name; blank for each JVM's default
 * @param averageState   whether optimizer state travels and is averaged with the weights
 */
record TaskSettings(String fitId, Broadcast<byte[]> template, Loss loss,
                    OptimizerFactory optimizer, float learningRate, int batchSize, long seed,
                    String backend, boolean averageState) implements Serializable {
    private static final long serialVersionUID = 1L;
}
