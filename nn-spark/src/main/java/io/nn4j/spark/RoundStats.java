package io.nn4j.spark;

/**
 * What one round of {@link SparkTrainer} measured: every partition trained from the same
 * broadcast weights, then their weights were averaged. Immutable, so safe to share between
 * threads.
 *
 * @param epoch      the epoch, counted from 1
 * @param round      the round within the epoch, counted from 1
 * @param rounds     the rounds in each epoch
 * @param examples   the examples the partitions trained on in this round, all together
 * @param meanLoss   the mean training loss of those examples, as they were trained
 * @param seconds    the round's wall time on the driver: broadcast, the Spark job, averaging
 */
public record RoundStats(int epoch, int round, int rounds, long examples, double meanLoss,
                         double seconds) {
}
