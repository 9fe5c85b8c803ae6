package io.nn4j.mnist;

import static io.nn4j.mnist.JsonFiles.number;

import com.google.gson.JsonObject;
import io.nn4j.api.metrics.ClassificationMetrics;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.metrics.RegressionMetrics;
import io.nn4j.api.train.ClassLabels;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Evaluation;
import io.nn4j.data.CsvData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the {@code csv} command prints and writes about a data set and its model: the columns,
 * the split (rows per part and, for classification, per class), how training ended, the
 * metrics on the test rows and the summary JSON.
 *
 * <p>Not safe to share between threads: it prints to one writer.
 */
final class CsvReport {
    private final PrintWriter out;
    private final CsvData csv;
    private final Optional<ClassLabels> classes;

    CsvReport(PrintWriter out, CsvData csv) {
        this.out = out;
        this.csv = csv;
        this.classes = csv.classLabels();
    }

    /** The file's rows, features and label. */
    void printData(Path file) {
        out.println(String.format(Locale.ROOT, "data: %s, %d rows, %d features %s, label '%s'%s",
                file, csv.dataset().size(), csv.featureNames().size(), csv.featureNames(),
                csv.labelName(), classes.map(labels -> " with " + labels.size() + " classes "
                        + labels.names()).orElse(" (a number)")));
        if (!csv.skippedLines().isEmpty()) {
            out.println("rows skipped for a missing value: " + csv.skippedLines().size()
                    + ", on lines " + csv.skippedLines());
        }
    }

    /** The rows of each part and, for classification, of each class in each part. */
    void printSplit(String kind, long seed, Dataset train, Dataset test) {
        out.println(String.format(Locale.ROOT, "split (%s, seed %d): %d training rows, %d test"
                + " rows", kind, seed, train.size(), test.size()));
        if (classes.isEmpty()) {
            return;
        }
        List<String> names = classes.get().names();
        long[] inTrain = perClass(train);
        long[] inTest = perClass(test);
        int width = width(names);
        out.println(String.format(Locale.ROOT, "  %-" + width + "s  %8s  %6s", "class", "training",
                "test"));
        for (int c = 0; c < names.size(); c++) {
            out.println(String.format(Locale.ROOT, "  %-" + width + "s  %8d  %6d", names.get(c),
                    inTrain[c], inTest[c]));
        }
        out.flush();
    }

    /** When early stopping ended training before the last epoch: when, and which weights. */
    void printStop(List<EpochStats> history, int epochs) {
        if (history.size() < epochs) {
            EpochStats best = history.stream()
                    .min(Comparator.comparingDouble(EpochStats::validationLoss)).orElseThrow();
            out.println(String.format(Locale.ROOT, "stopped early after epoch %d of %d: the"
                    + " validation loss was lowest (%.4f) at epoch %d, whose weights are kept",
                    history.size(), epochs, best.validationLoss(), best.epoch()));
        }
    }

    /**
     * The metrics on the test rows: accuracy, macro F1 and each class's precision, recall and
     * F1; or RMSE, MAE and R² in the label's units.
     */
    void printMetrics(Evaluation evaluation, Dataset test) {
        out.println("test rows: " + evaluation.examples());
        evaluation.regression().ifPresent(metrics -> out.println(String.format(Locale.ROOT,
                "RMSE %.4f  MAE %.4f  R2 %.4f  (RMSE and MAE in the label's units)",
                metrics.rmse(), metrics.mae(), metrics.r2())));
        evaluation.classification().ifPresent(metrics -> printClasses(metrics, test));
        out.flush();
    }

    private void printClasses(ClassificationMetrics metrics, Dataset test) {
        out.println(String.format(Locale.ROOT, "accuracy %.4f  macro F1 %.4f", metrics.accuracy(),
                metrics.macroF1()));
        List<String> names = classes.orElseThrow().names();
        long[] rows = perClass(test);
        int width = width(names);
        out.println(String.format(Locale.ROOT, "  %-" + width + "s  precision  recall      F1"
                + "  rows", "class"));
        for (int c = 0; c < names.size(); c++) {
            out.println(String.format(Locale.ROOT, "  %-" + width + "s  %9.4f  %6.4f  %6.4f  %4d",
                    names.get(c), metrics.precision(c), metrics.recall(c), metrics.f1(c),
                    rows[c]));
        }
    }

    /**
     * The summary JSON: {@code task}, {@code label}, {@code train_rows}, {@code test_rows},
     * {@code metrics} ({@code accuracy}, {@code macro_f1} and {@code per_class} precision,
     * recall and F1 by class name; or {@code mse}, {@code rmse}, {@code mae}, {@code r2}) and
     * {@code epochs_run}.
     */
    JsonObject summary(String task, Dataset train, Evaluation evaluation, int epochsRun) {
        JsonObject json = new JsonObject();
        json.addProperty("task", task);
        json.addProperty("label", csv.labelName());
        json.addProperty("train_rows", train.size());
        json.addProperty("test_rows", evaluation.examples());
        JsonObject metrics = new JsonObject();
        evaluation.classification().ifPresent(found -> classificationJson(found, metrics));
        evaluation.regression().ifPresent(found -> regressionJson(found, metrics));
        json.add("metrics", metrics);
        json.addProperty("epochs_run", epochsRun);
        return json;
    }

    private void classificationJson(ClassificationMetrics found, JsonObject metrics) {
        metrics.add("accuracy", number(found.accuracy()));
        metrics.add("macro_f1", number(found.macroF1()));
        JsonObject perClass = new JsonObject();
        List<String> names = classes.orElseThrow().names();
        for (int c = 0; c < names.size(); c++) {
            JsonObject one = new JsonObject();
            one.add("precision", number(found.precision(c)));
            one.add("recall", number(found.recall(c)));
            one.add("f1", number(found.f1(c)));
            perClass.add(names.get(c), one);
        }
        metrics.add("per_class", perClass);
    }

    private static void regressionJson(RegressionMetrics found, JsonObject metrics) {
        metrics.add("mse", number(found.mse()));
        metrics.add("rmse", number(found.rmse()));
        metrics.add("mae", number(found.mae()));
        metrics.add("r2", number(found.r2()));
    }

    private long[] perClass(Dataset data) {
        long[] counts = new long[classes.orElseThrow().size()];
        for (int c : data.classIndices()) {
            counts[c]++;
        }
        return counts;
    }

    private static int width(List<String> names) {
        return Math.max("class".length(), names.stream().mapToInt(String::length).max()
                .orElse(1));
    }
}
