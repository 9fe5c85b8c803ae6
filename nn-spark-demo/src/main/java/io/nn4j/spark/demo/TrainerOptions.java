package io.nn4j.spark.demo;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Sgd;
import io.nn4j.spark.OptimizerFactory;
import io.nn4j.spark.SparkTrainer;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The network and training options of the Spark demo and the MLlib comparison (a picocli
 * mixin), with the train command's names and defaults where they mean the same, and the
 * round options of {@link SparkTrainer}. Filled by picocli on one thread, then read.
 */
public final class TrainerOptions {
    @Option(names = "--hidden", split = ",", paramLabel = "SIZES", defaultValue = "128",
            description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "sgd (with optional --momentum) or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "Base step size before scaling by the partitions (default: 0.1 for "
                    + "sgd, 0.001 for adam).")
    Float learningRate;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0",
            description = "SGD momentum in [0, 1) (default: ${DEFAULT-VALUE}).")
    float momentum;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Examples per step in each partition (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the weights and the shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--average-every", paramLabel = "STEPS", defaultValue = "0",
            description = "Local steps between two averagings: 1 is synchronous SGD, 0 one pass "
                    + "over each partition (default: ${DEFAULT-VALUE}).")
    int averageEvery;

    @Option(names = "--scale-learning-rate", negatable = true, defaultValue = "true",
            fallbackValue = "true",
            description = "Multiply the learning rate by the partitions (default: true).")
    boolean scaleLearningRate;

    @Option(names = "--average-optimizer-state",
            description = "Average momentum or Adam's moments with the weights.")
    boolean averageOptimizerState;

    @Option(names = "--executor-backend", paramLabel = "NAME", defaultValue = "",
            description = "Backend of the executors (default: each JVM's default choice).")
    String executorBackend;

    /**
     * The network: 784 inputs, the hidden layers, 10 softmax outputs.
     *
     * @return the architecture
     */
    public Architecture architecture() {
        Sequential.Builder builder = Sequential.builder(784);
        Activation hiddenActivation = Activation.byId(activation.toLowerCase(Locale.ROOT));
        for (int units : hidden) {
            builder.dense(units, hiddenActivation);
        }
        return builder.dense(10, Activation.SOFTMAX).architecture();
    }

    /**
     * The trainer these options describe, without listeners.
     *
     * @return a builder to add listeners to
     * @throws IllegalArgumentException for an unknown optimizer
     */
    public SparkTrainer.Builder trainer() {
        boolean adam = optimizer.equalsIgnoreCase("adam");
        if (!adam && !optimizer.equalsIgnoreCase("sgd")) {
            throw new IllegalArgumentException("--optimizer is '" + optimizer
                    + "'; expected sgd or adam");
        }
        float rate = learningRate != null ? learningRate : adam ? 0.001f : 0.1f;
        float mu = momentum;
        OptimizerFactory factory = adam ? Adam::new
                : mu > 0 ? r -> new Sgd(r).momentum(mu, false) : Sgd::new;
        return SparkTrainer.builder(architecture())
                .loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .optimizer(factory, rate).batchSize(batchSize).epochs(epochs).seed(seed)
                .averageEvery(averageEvery).scaleLearningRate(scaleLearningRate)
                .averageOptimizerState(averageOptimizerState).executorBackend(executorBackend);
    }

    /**
     * The settings in words, for the demo's first line and the summary.
     *
     * @return e.g. {@code 784-128-10 relu, sgd 0.1, batch 64, 5 epochs}
     */
    public String describe() {
        StringBuilder layers = new StringBuilder("784");
        hidden.forEach(units -> layers.append('-').append(units));
        return layers + "-10 " + activation + ", " + optimizer
                + (learningRate != null ? " " + learningRate : "")
                + (momentum > 0 ? " momentum " + momentum : "")
                + (scaleLearningRate ? " (scaled by the partitions)" : "")
                + ", batch " + batchSize + " per partition, " + epochs + " epochs, average every "
                + (averageEvery == 0 ? "pass" : averageEvery + " steps")
                + (averageOptimizerState ? " with the optimizer state" : "");
    }
}
