package io.nn4j.api.train;

import io.nn4j.api.metrics.EpochStats;
import java.util.List;
import java.util.Objects;

/**
 * Lowers the learning rate when a watched figure stops improving: after {@code patience} epochs
 * in a row in which the {@link Monitor} did not improve on its best by more than
 * {@code minDelta}, the rate is multiplied by {@code factor} from the next epoch on, and the count
 * starts again.
 *
 * <p>It composes with the optimizer's {@link LearningRateSchedule}: an epoch's rate is the base
 * rate times the schedule's factor for the epoch times {@code factor^reductions}, but the
 * reductions never take it below {@code minLearningRate} (a scheduled rate already below that
 * floor is left as the schedule makes it). The reductions are a function of the fit's history
 * (the watched figure of every epoch so far), so they continue across the {@code fit} calls of
 * one trainer on one model and after a resume from a checkpoint, like the schedule; epochs whose
 * figure is NaN (e.g. from a checkpoint written before validation figures existed) do not count.
 * Each epoch's rate is in {@link EpochStats#learningRate()}.
 *
 * <p>Immutable: safe to share between threads and trainers.
 */
public final class ReduceLrOnPlateau {
    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final double minDelta;
    private final float minLearningRate;

    private ReduceLrOnPlateau(Monitor monitor, double factor, int patience, double minDelta,
                              float minLearningRate) {
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.minLearningRate = minLearningRate;
    }

    /**
     * Multiplies the rate by {@code factor} after {@code patience} epochs without improvement
     * of {@code monitor}; minimum change 0, no floor.
     *
     * @param monitor  the figure watched, e.g. {@link Monitor#VALIDATION_LOSS}
     * @param factor   the factor of each reduction, in {@code (0, 1)}
     * @param patience epochs in a row without improvement before a reduction, at least 1
     * @return the plateau schedule
     * @throws IllegalArgumentException for a factor outside {@code (0, 1)} or a patience below 1
     */
    public static ReduceLrOnPlateau on(Monitor monitor, double factor, int patience) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("reduce-on-plateau factor must be in (0, 1), got "
                    + factor);
        }
        return new ReduceLrOnPlateau(Objects.requireNonNull(monitor, "monitor"), factor,
                Monitor.checkPatience(patience, "reduce-on-plateau"), 0, 0);
    }

    /**
     * The same, counting only changes of more than {@code minDelta} as improvements.
     *
     * @param minDelta the smallest change that counts, finite and at least 0
     * @return a copy with this minimum change
     * @throws IllegalArgumentException for a negative, NaN or infinite value
     */
    public ReduceLrOnPlateau minDelta(double minDelta) {
        return new ReduceLrOnPlateau(monitor, factor, patience,
                Monitor.checkMinDelta(minDelta, "reduce-on-plateau"), minLearningRate);
    }

    /**
     * The same, never reducing the rate below {@code minLearningRate}.
     *
     * @param minLearningRate the floor of the reduced rate, finite and at least 0
     * @return a copy with this floor
     * @throws IllegalArgumentException for a negative, NaN or infinite value
     */
    public ReduceLrOnPlateau minLearningRate(float minLearningRate) {
        if (!(minLearningRate >= 0) || Float.isInfinite(minLearningRate)) {
            throw new IllegalArgumentException("reduce-on-plateau minLearningRate must be "
                    + "finite and >= 0, got " + minLearningRate);
        }
        return new ReduceLrOnPlateau(monitor, factor, patience, minDelta, minLearningRate);
    }

    /**
     * The figure watched.
     *
     * @return the monitor
     */
    public Monitor monitor() {
        return monitor;
    }

    /** The floor of the reduced rate. */
    float minLearningRate() {
        return minLearningRate;
    }

    /** The product of the reductions made after the epochs of {@code history}, replayed. */
    double factorAfter(List<EpochStats> history) {
        double best = Double.NaN;
        int without = 0;
        double product = 1;
        for (EpochStats stats : history) {
            double value = monitor.read(stats);
            if (Double.isNaN(value)) {
                continue;
            }
            if (monitor.improves(value, best, minDelta)) {
                best = value;
                without = 0;
            } else if (++without >= patience) {
                product *= factor;
                without = 0;
            }
        }
        return product;
    }

    @Override
    public String toString() {
        return "reduce-on-plateau on " + monitor + " (factor " + factor + ", patience " + patience
                + ", minDelta " + minDelta + ", minLearningRate " + minLearningRate + ")";
    }
}
