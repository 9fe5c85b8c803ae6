package io.nn4j.spark;

/**
 * Hears of each round of a {@link SparkTrainer} fit, on the driver.
 *
 * <p>Threads: called on the thread that runs {@code fit}; a listener shared by fits on several
 * threads must guard its own state.
 */
@FunctionalInterface
public interface RoundListener {

    /**
     * Called after each round, once the averaged weights are on the driver.
     *
     * @param stats the round's figures
     */
    void onRoundEnd(RoundStats stats);
}
