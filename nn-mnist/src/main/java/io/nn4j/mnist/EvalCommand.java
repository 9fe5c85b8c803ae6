package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.metrics.ConfusionMatrix;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code eval} command: a saved model on the whole test set, with its accuracy, the
 * confusion matrix and each class's precision, recall and F1.
 */
@Command(name = "eval", sortOptions = false,
        description = "Evaluate a saved model on the test set: accuracy, confusion matrix, and"
                + " per-class precision, recall and F1.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "The model file, as train --save-model writes it.")
    private Path model;

    @Mixin
    private DataOptions data;

    @Mixin
    private BackendOption backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = data.kind().classNames();
        try (Backend opened = backend.open(spec.commandLine())) {
            LabeledImages test = data.load().test();
            try (Sequential net = SavedModel.load(model, opened, test.pixelsPerImage(),
                    names.size())) {
                evaluate(out, opened, net, test, names);
            }
        }
        return 0;
    }

    private void evaluate(PrintWriter out, Backend opened, Sequential net, LabeledImages test,
                          List<String> names) {
        int[] predicted = Predictions.classes(net, test);
        ConfusionMatrix confusion = new ConfusionMatrix(names.size());
        for (int i = 0; i < test.size(); i++) {
            confusion.add(test.label(i), predicted[i]);
        }
        out.println("model: " + model + " (" + SavedModel.describe(net.architecture())
                + ") on " + opened.name());
        out.println(String.format(Locale.ROOT, "test set: %s, %d images", data.kind().id(),
                test.size()));
        out.println(String.format(Locale.ROOT, "accuracy %.4f (%.2f%%), macro F1 %.4f",
                confusion.accuracy(), 100 * confusion.accuracy(), confusion.macroF1()));
        out.println("confusion matrix (rows: true class, columns: predicted class) with"
                + " per-class precision, recall and F1:");
        out.print(confusion);
        if (!names.get(0).equals("0")) {
            StringBuilder legend = new StringBuilder("classes:");
            for (int c = 0; c < names.size(); c++) {
                legend.append(' ').append(c).append(" = ").append(names.get(c))
                        .append(c + 1 < names.size() ? "," : "");
            }
            out.println(legend);
        }
        out.flush();
    }
}
