package io.nn4j.mnist;

import io.nn4j.api.Parameter;
import io.nn4j.api.metrics.ConfusionMatrix;
import io.nn4j.api.nn.Sequential;
import io.nn4j.mnist.report.Misclassified;
import io.nn4j.mnist.report.TrainingReport;
import io.nn4j.mnist.report.TrainingReport.TestSetResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers what the training report shows from a trained classifier (its test-set predictions and
 * first-layer weights) and writes the report folder with the run's summary JSON.
 */
final class ReportMaker {
    /** How many misclassified images the report draws at most. */
    static final int MISTAKES_SHOWN = 50;

    private ReportMaker() {
    }

    /**
     * Writes the report of {@code model}, trained as {@code summary} says, into {@code dir}.
     *
     * @return the files written
     */
    static List<Path> write(Path dir, Sequential model, MnistData data, RunSummary summary)
            throws IOException {
        List<String> names = data.kind().classNames();
        Parameter firstWeights = model.parameters().get(0);
        float[] weights = model.backend().toArray(firstWeights.value());
        List<Path> written = new ArrayList<>(new TrainingReport(dir).write(summary.history(),
                names, weights, firstWeights.value().shape().rows(), DatasetKind.SIDE,
                () -> testSetResults(model, data.test(), names)));
        Path json = dir.resolve(TrainingReport.SUMMARY);
        summary.writeJson(json);
        written.add(json);
        return written;
    }

    /** The model's confusion matrix on {@code test} and the first misclassified images. */
    private static TestSetResults testSetResults(Sequential model, LabeledImages test,
                                                 List<String> names) {
        int[] predicted = Predictions.classes(model, test);
        ConfusionMatrix confusion = new ConfusionMatrix(names.size());
        List<Misclassified> mistakes = new ArrayList<>();
        int mistakeCount = 0;
        for (int i = 0; i < test.size(); i++) {
            confusion.add(test.label(i), predicted[i]);
            if (predicted[i] != test.label(i)) {
                mistakeCount++;
                if (mistakes.size() < MISTAKES_SHOWN) {
                    mistakes.add(new Misclassified(test.image(i), names.get(test.label(i)),
                            names.get(predicted[i])));
                }
            }
        }
        return new TestSetResults(confusion, mistakes, mistakeCount);
    }
}
