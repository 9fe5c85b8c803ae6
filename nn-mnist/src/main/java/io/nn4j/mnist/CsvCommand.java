package io.nn4j.mnist;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.preprocess.Preprocessing;
import io.nn4j.api.preprocess.Scaler;
import io.nn4j.api.train.ClassLabels;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.EarlyStopping;
import io.nn4j.api.train.Evaluation;
import io.nn4j.api.train.Monitor;
import io.nn4j.api.train.Split;
import io.nn4j.api.train.Trainer;
import io.nn4j.data.CsvData;
import io.nn4j.data.CsvLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code csv} command: trains a dense network on any CSV file with a header row, a
 * classifier of the label column's class names or a regression of its numbers, on a seeded
 * split of the rows with the scalers fitted on the training rows; prints the split, each epoch
 * and the metrics on the test rows, and can save the model (its scalers and class names
 * included, for {@code predict --csv}) and a summary JSON.
 *
 * <p>It shares the training commands' options, with defaults of its own for small tables
 * ({@link Defaults}). Not safe to share between threads: one instance runs one command.
 */
@Command(name = "csv", sortOptions = false, defaultValueProvider = CsvCommand.Defaults.class,
        description = "Train a classifier or a regression on any CSV file with a header row, and"
                + " report its metrics on held-out test rows.")
final class CsvCommand extends DemoCommand {
    /** The share of the training rows held out for validation when early stopping is on. */
    static final double VALIDATION_FRACTION = 0.2;
    private static final int EVALUATION_BATCH = 256;
    private static final String CLASSIFICATION = "classification";
    private static final String REGRESSION = "regression";
    private static final String NO_SCALING = "none";

    @Option(names = "--file", paramLabel = "CSV", required = true,
            description = "The CSV file: UTF-8, comma-separated, a header row naming the columns;"
                    + " the features are numbers.")
    private Path file;

    @Option(names = "--label", paramLabel = "COLUMN", required = true,
            description = "The column to predict.")
    private String label;

    @Mixin
    private FeatureColumns features;

    @Option(names = "--skip-missing", paramLabel = "MARKER",
            description = "Skip the rows where a column read holds MARKER (such as NA) or is"
                    + " empty, instead of refusing the file (default: refuse).")
    private String missing;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = CLASSIFICATION,
            description = "classification (the label holds class names: softmax output, sparse"
                    + " categorical cross-entropy) or regression (the label is a number: one"
                    + " linear output, mean squared error) (default: ${DEFAULT-VALUE}).")
    private String task;

    @Option(names = "--scale", paramLabel = "KIND", defaultValue = "standard",
            description = "Scale the features, and a regression's label, by the training rows'"
                    + " statistics, kept in the saved model: standard (mean 0, deviation 1),"
                    + " minmax (0 to 1) or none (default: ${DEFAULT-VALUE}).")
    private String scale;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "The share of the rows held out as the test set, in (0, 1): within"
                    + " each class for classification (stratified), of all rows for regression"
                    + " (default: ${DEFAULT-VALUE}).")
    private double testFraction;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Hold out 20%% of the training rows for validation and stop after"
                    + " PATIENCE epochs without a lower validation loss, keeping the best"
                    + " epoch's weights (default: off, every epoch runs).")
    private Integer patience;

    @Option(names = "--save-model", paramLabel = "FILE",
            description = "Save the trained model, with its scalers and class names, to FILE,"
                    + " for predict --model FILE --csv ROWS.")
    private Path saveModel;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Also write the task, the test rows, the test metrics and the epochs"
                    + " run to FILE as JSON.")
    private Path summaryJson;

    @Mixin
    private FitOptions fit;

    /**
     * The csv command's defaults for the options it shares with {@code train}, for tables of
     * hundreds or thousands of rows: one hidden layer of 32, Adam, batches of 32, 100 epochs.
     * Stateless: safe to share between threads.
     */
    static final class Defaults implements IDefaultValueProvider {
        private static final Map<String, String> VALUES = Map.of("--hidden", "32",
                "--optimizer", "adam", "--batch-size", "32", "--epochs", "100");

        @Override
        public String defaultValue(ArgSpec argument) {
            return argument instanceof OptionSpec option ? value(option.longestName()) : null;
        }

        /** The csv command's default for the option named {@code name}, or null for none. */
        static String value(String name) {
            return VALUES.get(name);
        }
    }

    @Override
    public Integer call() throws IOException {
        CommandLine command = spec.commandLine();
        fit.check(command);
        NetworkOptions network = fit.network();
        TrainingOptions training = fit.training();
        boolean classification = isClassification(command);
        Scaler.Kind scaling = scaling(command);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new ParameterException(command, "--test-fraction must be in (0, 1), got "
                    + testFraction);
        }
        if (patience != null && patience < 1) {
            throw new ParameterException(command, "--early-stopping must be at least 1, got "
                    + patience);
        }
        PrintWriter out = command.getOut();
        CsvData csv = load(classification);
        Dataset data = csv.dataset();
        Split split = classification ? Split.stratified(data, training.seed(), testFraction)
                : Split.random(data, training.seed(), testFraction);
        Dataset train = first(split.train(), training.trainSize(split.train().size()));
        Dataset test = split.test();
        CsvReport report = new CsvReport(out, csv);
        report.printData(file);
        report.printSplit(classification ? "stratified" : "random", training.seed(), train, test);
        if (patience != null) {
            out.println(String.format(Locale.ROOT, "validation: %.0f%% of the training rows, for"
                    + " early stopping with patience %d", 100 * VALIDATION_FRACTION, patience));
        }
        Loss loss = classification ? Loss.SPARSE_CATEGORICAL_CROSSENTROPY
                : Loss.MEAN_SQUARED_ERROR;
        int outputs = classification ? csv.classLabels().orElseThrow().size() : 1;
        Activation output = classification ? Activation.SOFTMAX : Activation.IDENTITY;
        Architecture layers = network.architecture(data.featureCount(), outputs, output);
        Architecture architecture = new Architecture(layers.inputSize(), layers.layers(),
                preprocessing(scaling, train, csv));
        try (TrainingRun run = TrainingRun.open(command, fit, architecture, loss, train, out)) {
            out.println("backend: " + run.backend().description());
            out.println(fit.describe(data.featureCount(), outputs, output, loss, run.optimizer())
                    + ", scaling " + scale.toLowerCase(Locale.ROOT));
            out.flush();
            List<EpochStats> history = run.fit(train, test, loss, null, out,
                    this::earlyStopping);
            report.printStop(history, training.epochs());
            Evaluation evaluation = Trainer.evaluate(run.model(), test, loss, EVALUATION_BATCH);
            report.printMetrics(evaluation, test);
            if (saveModel != null) {
                ModelFile.save(run.model(), saveModel);
                out.println("model saved to " + saveModel);
            }
            if (summaryJson != null) {
                JsonFiles.write(summaryJson, JsonFiles.text(report.summary(
                        classification ? CLASSIFICATION : REGRESSION, train, evaluation,
                        history.size())));
                out.println("summary written to " + summaryJson);
            }
            out.flush();
        }
        return 0;
    }

    /** Reads {@code --file} with the label, feature and missing-value options. */
    private CsvData load(boolean classification) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "no such file; expected a CSV file with a header row");
        }
        CsvLoader loader = features.applyTo(classification ? CsvLoader.classification(label)
                : CsvLoader.regression(label));
        if (missing != null) {
            loader = loader.skippingRowsWithMissingValues(missing);
        }
        return loader.load(file);
    }

    /**
     * What the model carries: scalers fitted on the training rows (the target's for a
     * regression only; none for {@code --scale none}) and a classifier's class names.
     */
    private static Preprocessing preprocessing(Scaler.Kind scaling, Dataset train, CsvData csv) {
        boolean classification = csv.classLabels().isPresent();
        return Preprocessing.of(scaling == null ? null : train.fitFeatureScaler(scaling),
                scaling == null || classification ? null : train.fitTargetScaler(scaling),
                csv.classLabels().map(ClassLabels::names).orElse(null));
    }

    private void earlyStopping(Trainer.Builder trainer) {
        if (patience != null) {
            trainer.validationSplit(VALIDATION_FRACTION)
                    .earlyStopping(EarlyStopping.on(Monitor.VALIDATION_LOSS, patience));
        }
    }

    private boolean isClassification(CommandLine command) {
        String given = task.toLowerCase(Locale.ROOT);
        if (!given.equals(CLASSIFICATION) && !given.equals(REGRESSION)) {
            throw new ParameterException(command, "--task must be " + CLASSIFICATION + " or "
                    + REGRESSION + ", got '" + task + "'");
        }
        return given.equals(CLASSIFICATION);
    }

    /** The scaler kind {@code --scale} names, or null for {@code none}. */
    private Scaler.Kind scaling(CommandLine command) {
        String given = scale.toLowerCase(Locale.ROOT);
        if (given.equals(NO_SCALING)) {
            return null;
        }
        try {
            return Scaler.Kind.byId(given);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, "--scale must be standard, minmax or none, got '"
                    + scale + "'");
        }
    }

    /** The first {@code rows} rows of {@code data}, or {@code data} itself when that is all. */
    private static Dataset first(Dataset data, int rows) {
        return rows == data.size() ? data : data.select(IntStream.range(0, rows).toArray());
    }
}
