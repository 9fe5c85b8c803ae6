package io.nn4j.api.train;

/**
 * How the learning rate changes from epoch to epoch: a factor applied to the optimizer's base
 * rate at the start of each epoch ({@code epoch} counts from 0).
 *
 * <p>Threads: implementations should be pure functions of the epoch, safe to share.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The factor for the epoch with 0-based index {@code epoch}.
     *
     * @param epoch the epoch, counted from 0
     * @return the factor of the base learning rate
     */
    double factor(int epoch);

    /**
     * The base rate throughout.
     *
     * @return the schedule whose factor is always 1
     */
    static LearningRateSchedule constant() {
        return epoch -> 1;
    }

    /**
     * Step decay: the rate is multiplied by {@code gamma} every {@code everyEpochs} epochs.
     *
     * @param everyEpochs the epochs between two decays, at least 1
     * @param gamma the factor of each decay, in {@code (0, 1]}
     * @return the step-decay schedule
     * @throws IllegalArgumentException unless {@code everyEpochs ≥ 1} and {@code 0 < gamma ≤ 1}
     */
    static LearningRateSchedule step(int everyEpochs, double gamma) {
        if (everyEpochs < 1 || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step schedule needs everyEpochs >= 1 and gamma in "
                    + "(0, 1], got " + everyEpochs + " and " + gamma);
        }
        return epoch -> Math.pow(gamma, epoch / everyEpochs);
    }

    /**
     * Cosine annealing over {@code epochs} epochs from the base rate (epoch 0) towards
     * {@code minFactor} times it: {@code min + (1 − min)(1 + cos(π e / epochs)) / 2}, so the last
     * epoch still trains a little above the minimum (as PyTorch's {@code CosineAnnealingLR}
     * with {@code T_max = epochs}); later epochs stay at the minimum.
     *
     * @param epochs the length of the annealing, at least 1
     * @param minFactor the final factor, in {@code [0, 1]}
     * @return the cosine schedule
     * @throws IllegalArgumentException unless {@code epochs ≥ 1} and {@code 0 ≤ minFactor ≤ 1}
     */
    static LearningRateSchedule cosine(int epochs, double minFactor) {
        if (epochs < 1 || !(minFactor >= 0 && minFactor <= 1)) {
            throw new IllegalArgumentException("cosine schedule needs epochs >= 1 and minFactor in "
                    + "[0, 1], got " + epochs + " and " + minFactor);
        }
        return epoch -> {
            double progress = Math.min(epoch, epochs) / (double) epochs;
            return minFactor + (1 - minFactor) * (1 + Math.cos(Math.PI * progress)) / 2;
        };
    }
}
