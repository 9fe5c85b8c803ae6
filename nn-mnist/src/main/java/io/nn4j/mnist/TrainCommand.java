package io.nn4j.mnist;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.EpochStats;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code train} command: trains a dense network (hidden layers, then a softmax output with
 * categorical cross-entropy) on MNIST with SGD, printing each epoch and the final accuracy.
 */
@Command(name = "train", sortOptions = false,
        description = "Train a dense network on MNIST and report test accuracy per epoch.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run on, e.g. cpu or opencl (default: the nn.backend property,"
                    + " the NN_BACKEND variable, else the best available one).")
    private String backend;

    @Option(names = "--hidden", split = ",", paramLabel = "SIZES", defaultValue = "128",
            description = "Hidden layer sizes, comma-separated, e.g. 256,128 (default: ${DEFAULT-VALUE}).")
    private List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            converter = ActivationConverter.class,
            description = "Hidden activation, e.g. relu, tanh or sigmoid (default: ${DEFAULT-VALUE}).")
    private Activation activation;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Examples per SGD step (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "0.1",
            description = "SGD step size (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the initial weights and the shuffles (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/mnist",
            description = "Directory holding the four MNIST files, filled by scripts/fetch-mnist.sh"
                    + " (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Also write a JSON summary of the run to FILE.")
    private Path summaryJson;

    @Override
    public Integer call() throws Exception {
        checkValues();
        PrintWriter out = spec.commandLine().getOut();
        try (Backend opened = backend == null ? Backends.load() : Backends.load(backend)) {
            out.println("backend: " + opened.description());
            out.flush();
            MnistData data = MnistData.load(dataDir);
            out.println(String.format(Locale.ROOT,
                    "network: %d -> %s (%s) -> %d (softmax), SGD %s, batch %d, %d epochs, seed %d",
                    data.train().featureCount(), hidden, activation.id(), MnistData.CLASSES,
                    learningRate, batchSize, epochs, seed));
            out.flush();
            List<EpochStats> history = train(opened, data, out);
            RunSummary summary = new RunSummary(opened.name(), hidden, activation.id(), batchSize,
                    learningRate, seed, history);
            out.println(String.format(Locale.ROOT, "final test accuracy %.4f (%.2f%%)",
                    summary.testAccuracy(), 100 * summary.testAccuracy()));
            if (summaryJson != null) {
                summary.writeJson(summaryJson);
                out.println("summary written to " + summaryJson);
            }
            out.flush();
        }
        return 0;
    }

    private List<EpochStats> train(Backend on, MnistData data, PrintWriter out) {
        Sequential.Builder builder = Sequential.builder(data.train().featureCount());
        hidden.forEach(units -> builder.dense(units, activation));
        builder.dense(MnistData.CLASSES, Activation.SOFTMAX);
        try (Sequential model = builder.build(on, seed);
             Sgd sgd = new Sgd((float) learningRate)) {
            Trainer trainer = Trainer.builder()
                    .loss(Loss.CATEGORICAL_CROSSENTROPY)
                    .optimizer(sgd)
                    .batchSize(batchSize)
                    .epochs(epochs)
                    .seed(seed)
                    .listener(new EpochReporter(out, epochs))
                    .build();
            return trainer.fit(model, data.train(), data.test());
        }
    }

    private void checkValues() {
        require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate) && (float) learningRate > 0,
                "--learning-rate must be a positive finite number, got " + learningRate);
        require(!hidden.isEmpty() && hidden.stream().allMatch(units -> units >= 1),
                "--hidden sizes must each be at least 1, got " + hidden);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** Reads an {@link Activation} by its id, with the list of known ids when none matches. */
    static final class ActivationConverter implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            try {
                return Activation.byId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
