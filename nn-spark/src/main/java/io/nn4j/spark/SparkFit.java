package io.nn4j.spark;

import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import java.util.List;

/**
 * What {@link SparkTrainer} returns: the trained model, on the backend the caller named, and
 * the history of the fit. Closing it closes the model.
 *
 * <p>Threads: the record is immutable; the model follows {@link Sequential}'s rules.
 *
 * @param model   the trained network, owned by the caller
 * @param history one entry per epoch; the test fields are NaN when the fit had no test set,
 *                the validation fields always
 * @param rounds  one entry per round, in order
 */
public record SparkFit(Sequential model, List<EpochStats> history, List<RoundStats> rounds)
        implements AutoCloseable {

    /**
     * Copies the lists.
     *
     * @param model the trained network
     * @param history the epochs' statistics
     * @param rounds the rounds' statistics
     */
    public SparkFit {
        history = List.copyOf(history);
        rounds = List.copyOf(rounds);
    }

    /** Closes the model. */
    @Override
    public void close() {
        model.close();
    }
}
