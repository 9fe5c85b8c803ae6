package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.metrics.ClassificationMetrics;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Evaluation;
import io.nn4j.api.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code eval} command: a saved model on the whole test set ({@link Trainer#evaluate}), with
 * its accuracy, top-{@value #TOP_K} accuracy, macro F1 and loss, the confusion matrix and each
 * class's precision, recall and F1.
 */
@Command(name = "eval", sortOptions = false,
        description = "Evaluate a saved model on the test set: accuracy, confusion matrix, and"
                + " per-class precision, recall and F1.")
final class EvalCommand extends DemoCommand {
    /** The {@code k} of the top-k accuracy printed. */
    static final int TOP_K = 2;

    @Mixin
    private ModelOption model;

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
            try (Sequential net = SavedModel.fitting(model.load(opened), model.file(),
                    test.pixelsPerImage(), names.size())) {
                evaluate(out, opened, net, test, names);
            }
        }
        return 0;
    }

    private void evaluate(PrintWriter out, Backend opened, Sequential net, LabeledImages test,
                          List<String> names) {
        Evaluation evaluation = Trainer.evaluate(net, test.oneHot(),
                Loss.CATEGORICAL_CROSSENTROPY, Predictions.BATCH, TOP_K);
        ClassificationMetrics metrics = evaluation.classification().orElseThrow();
        out.println("model: " + model.file() + " (" + SavedModel.describe(net.architecture())
                + ") on " + opened.name());
        out.println(String.format(Locale.ROOT, "test set: %s, %d images", data.kind().id(),
                test.size()));
        out.println(String.format(Locale.ROOT, "accuracy %.4f (%.2f%%), top-%d accuracy %.4f,"
                + " macro F1 %.4f, mean %s loss %.4f", metrics.accuracy(),
                100 * metrics.accuracy(), TOP_K, metrics.topKAccuracy(), metrics.macroF1(),
                Loss.CATEGORICAL_CROSSENTROPY.id(), evaluation.loss()));
        out.println("confusion matrix (rows: true class, columns: predicted class) with"
                + " per-class precision, recall and F1:");
        out.print(metrics.confusion());
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
