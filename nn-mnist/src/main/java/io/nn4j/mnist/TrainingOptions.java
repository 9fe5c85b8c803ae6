package io.nn4j.mnist;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of the training loop: epochs, batch size, seed, data subset and progress display. */
final class TrainingOptions {

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Examples per training step (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the initial weights, dropout masks and shuffles"
                    + " (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--train-size", paramLabel = "N",
            description = "Train on the first N training examples only, for a quick try"
                    + " (default: all of them).")
    private Integer trainSize;

    @Option(names = "--no-progress",
            description = "Print plain progress lines instead of a progress bar (the default"
                    + " when the output is not a terminal).")
    private boolean noProgress;

    /** Checks the values, naming the option and what was expected. */
    void check(CommandLine command) {
        require(command, epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(command, batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(command, trainSize == null || trainSize >= 1,
                "--train-size must be at least 1, got " + trainSize);
    }

    int epochs() {
        return epochs;
    }

    int batchSize() {
        return batchSize;
    }

    long seed() {
        return seed;
    }

    /** How many training images to use: the option's value, capped at {@code available}. */
    int trainSize(int available) {
        return trainSize == null ? available : Math.min(trainSize, available);
    }

    /** Whether to draw a progress bar: a terminal is attached and it was not turned off. */
    boolean progressBar() {
        return !noProgress && System.console() != null;
    }

    private static void require(CommandLine command, boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(command, message);
        }
    }
}
