package io.nn4j.api.train;

import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import java.util.Objects;

/**
 * Ends a fit once a watched figure has stopped improving: after {@code patience} epochs in a row
 * in which the {@link Monitor} did not improve on its best by more than {@code minDelta}, the fit
 * ends normally and returns its history, which ends at the epoch it stopped after. With
 * {@link #restoreBestWeights(boolean) restoreBestWeights} (the default), the model's parameters,
 * the optimizer's state and its step count are then put back as they were after the best epoch,
 * bit for bit (device copies, taken at each improvement); the checkpoint of the last epoch, when
 * the trainer writes checkpoints, is written again with that state.
 *
 * <p>The count starts afresh with every {@code fit} call (as Keras' callback does), a resume
 * from a checkpoint included: a second call trains at least {@code patience} epochs, and the
 * best state it can restore is one of its own epochs. Set on the trainer with
 * {@link Trainer.Builder#earlyStopping(EarlyStopping)}; a fit without a validation set is refused
 * when the monitor needs one.
 *
 * <p>Immutable: safe to share between threads and trainers.
 */
public final class EarlyStopping {
    private final Monitor monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;

    private EarlyStopping(Monitor monitor, int patience, double minDelta,
                         boolean restoreBestWeights) {
        this.monitor = monitor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restoreBestWeights;
    }

    /**
     * Stops after {@code patience} epochs without improvement of {@code monitor}, with a minimum
     * change of 0 and the best weights restored.
     *
     * @param monitor  the figure watched, e.g. {@link Monitor#VALIDATION_LOSS}
     * @param patience epochs in a row without improvement before stopping, at least 1
     * @return the early stopping
     * @throws IllegalArgumentException when the patience is below 1
     */
    public static EarlyStopping on(Monitor monitor, int patience) {
        return new EarlyStopping(Objects.requireNonNull(monitor, "monitor"),
                Monitor.checkPatience(patience, "early stopping"), 0, true);
    }

    /**
     * The same, counting only changes of more than {@code minDelta} as improvements.
     *
     * @param minDelta the smallest change that counts, finite and at least 0
     * @return a copy with this minimum change
     * @throws IllegalArgumentException for a negative, NaN or infinite value
     */
    public EarlyStopping minDelta(double minDelta) {
        return new EarlyStopping(monitor, patience,
                Monitor.checkMinDelta(minDelta, "early stopping"), restoreBestWeights);
    }

    /**
     * The same, restoring the best epoch's weights at the stop, or leaving the last epoch's.
     *
     * @param restore whether to put the best epoch's state back when stopping
     * @return a copy with this choice
     */
    public EarlyStopping restoreBestWeights(boolean restore) {
        return new EarlyStopping(monitor, patience, minDelta, restore);
    }

    /**
     * The figure watched.
     *
     * @return the monitor
     */
    public Monitor monitor() {
        return monitor;
    }

    @Override
    public String toString() {
        return "early stopping on " + monitor + " (patience " + patience + ", minDelta "
                + minDelta + (restoreBestWeights ? ", restoring the best weights)" : ")");
    }

    /** Follows one fit: the best figure, the epochs since, and the best state when restoring. */
    Watch watch(Sequential model, Optimizer optimizer) {
        return new Watch(restoreBestWeights ? new StateSnapshot(model, optimizer) : null);
    }

    /** One fit's early-stopping state; used by the training thread, holds backend tensors. */
    final class Watch implements AutoCloseable {
        private final StateSnapshot best;
        private double bestValue = Double.NaN;
        private int bestEpoch;
        private int epochsWithout;

        private Watch(StateSnapshot best) {
            this.best = best;
        }

        /**
         * Looks at an epoch just trained; when it is time to stop, restores the best state (if
         * asked to) and says why.
         *
         * @return why the fit stops, or null to go on
         */
        String afterEpoch(EpochStats stats) {
            double value = monitor.read(stats);
            if (monitor.improves(value, bestValue, minDelta)) {
                bestValue = value;
                bestEpoch = stats.epoch();
                epochsWithout = 0;
                if (best != null) {
                    best.take();
                }
                return null;
            }
            if (++epochsWithout < patience) {
                return null;
            }
            if (best != null) {
                best.restore();
            }
            return EarlyStopping.this + ": no improvement for " + epochsWithout + " epochs; "
                    + "the best was " + bestValue + " after epoch " + bestEpoch
                    + (best != null ? ", whose weights are restored" : "");
        }

        /** Whether a stop put another epoch's state back into the model. */
        boolean restored(EpochStats last) {
            return best != null && bestEpoch != last.epoch();
        }

        @Override
        public void close() {
            if (best != null) {
                best.close();
            }
        }
    }
}
