package io.nn4j.mnist;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.train.Optimizer;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The options every training command shares: the network's shape, the optimizer, the training
 * loop and the backend. One instance holds one command line's values; not safe to share between
 * threads.
 */
final class FitOptions {

    @Mixin
    private NetworkOptions network;

    @Mixin
    private OptimizerOptions optimizer;

    @Mixin
    private TrainingOptions training;

    @Mixin
    private BackendOption backend;

    /** Checks every value, and the values against each other, naming the option at fault. */
    void check(CommandLine command) {
        training.check(command);
        network.check(command);
        optimizer.check(command, training.epochs());
    }

    /**
     * The line a training command prints before it starts: the network, the loss, the
     * optimizer made from these options and the loop's settings.
     */
    String describe(int inputs, int outputs, Activation output, Loss loss, Optimizer made) {
        return String.format(Locale.ROOT, "network: %s, loss %s, %s, schedule %s, batch %d,"
                + " epochs %d, seed %d", network.describe(inputs, outputs, output), loss.id(),
                made, optimizer.schedule(), training.batchSize(), training.epochs(),
                training.seed());
    }

    /** The network's shape. */
    NetworkOptions network() {
        return network;
    }

    /** The optimizer and its learning-rate schedule. */
    OptimizerOptions optimizer() {
        return optimizer;
    }

    /** The training loop: epochs, batch size, seed, subset, progress. */
    TrainingOptions training() {
        return training;
    }

    /** The backend to train on. */
    BackendOption backend() {
        return backend;
    }
}
