package io.nn4j.mnist;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.metrics.BinaryMetrics;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.train.Dataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code binary} command: one class against the rest (e.g. the digit 0 against every other
 * digit), trained with a single sigmoid output and binary cross-entropy, then judged by precision
 * and recall at a decision threshold.
 */
@Command(name = "binary", sortOptions = false,
        description = "Train a yes/no classifier, one class against the rest (sigmoid output,"
                + " binary cross-entropy), and report precision and recall at a threshold.")
final class BinaryCommand extends DemoCommand {
    /** Thresholds shown beside the chosen one, to see precision trade against recall. */
    private static final double[] SWEEP = {0.1, 0.3, 0.5, 0.7, 0.9};

    @Option(names = "--positive", paramLabel = "CLASS", defaultValue = "0",
            description = "The class counted as positive, 0 to 9 (default: ${DEFAULT-VALUE}).")
    private int positive;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.5",
            description = "Decision threshold: a probability of at least T means positive"
                    + " (default: ${DEFAULT-VALUE}).")
    private double threshold;

    @Mixin
    private DataOptions data;

    @Mixin
    private FitOptions fit;

    @Override
    public Integer call() throws IOException {
        fit.check(spec.commandLine());
        NetworkOptions network = fit.network();
        TrainingOptions training = fit.training();
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be in [0, 1], got "
                    + threshold);
        }
        if (positive < 0 || positive >= data.kind().classes()) {
            throw new ParameterException(spec.commandLine(), "--positive must be a class in [0, "
                    + (data.kind().classes() - 1) + "], got " + positive);
        }
        PrintWriter out = spec.commandLine().getOut();
        MnistData loaded = data.load();
        LabeledImages train = loaded.train().first(training.trainSize(loaded.train().size()));
        LabeledImages test = loaded.test();
        int inputs = train.pixelsPerImage();
        Architecture architecture = network.architecture(inputs, 1, Activation.SIGMOID);
        Dataset trainSet = train.oneAgainstRest(positive);
        try (TrainingRun run = TrainingRun.open(spec.commandLine(), fit, architecture,
                Loss.BINARY_CROSSENTROPY, trainSet, out)) {
            String name = loaded.kind().classNames().get(positive);
            out.println("backend: " + run.backend().description());
            out.println(String.format(Locale.ROOT, "task: %s class %s against the rest; %d of %d"
                    + " training images are positive", loaded.kind().id(), name,
                    count(train, positive), train.size()));
            out.println(fit.describe(inputs, 1, Activation.SIGMOID, Loss.BINARY_CROSSENTROPY,
                    run.optimizer()));
            out.flush();
            run.fit(trainSet, test.oneAgainstRest(positive), Loss.BINARY_CROSSENTROPY,
                    null, out);
            float[] probabilities = Predictions.outputs(run.model(), test);
            boolean[] isPositive = new boolean[test.size()];
            for (int i = 0; i < isPositive.length; i++) {
                isPositive[i] = test.label(i) == positive;
            }
            BinaryMetrics chosen = BinaryMetrics.at(threshold, probabilities, isPositive);
            out.println(String.format(Locale.ROOT, "at threshold %.2f on the %d test images:"
                    + " precision %.4f, recall %.4f, F1 %.4f, accuracy %.4f", threshold,
                    test.size(), chosen.precision(), chosen.recall(), chosen.f1(),
                    chosen.accuracy()));
            out.println(String.format(Locale.ROOT, "  true positives %d, false positives %d,"
                    + " true negatives %d, false negatives %d", chosen.truePositives(),
                    chosen.falsePositives(), chosen.trueNegatives(), chosen.falseNegatives()));
            out.println("threshold  precision  recall  (a higher threshold trades recall for"
                    + " precision)");
            for (double t : SWEEP) {
                BinaryMetrics at = BinaryMetrics.at(t, probabilities, isPositive);
                out.println(String.format(Locale.ROOT, "     %.2f     %.4f  %.4f", t,
                        at.precision(), at.recall()));
            }
            out.flush();
        }
        return 0;
    }

    private static int count(LabeledImages images, int positive) {
        int count = 0;
        for (int i = 0; i < images.size(); i++) {
            count += images.label(i) == positive ? 1 : 0;
        }
        return count;
    }
}
