package io.nn4j.api.metrics;

import io.nn4j.api.Backend;
import java.util.Locale;

/**
 * A classifier's results on a data set: the confusion matrix, with the accuracy and per-class
 * precision, recall and F1 it gives, and the top-{@code k} accuracy.
 *
 * <p>The predicted class of an example is {@link #predictedClass}: the largest output's column
 * for a model of several outputs, the decision {@code output ≥ 0.5} (class 1 against class 0)
 * for a single sigmoid output. An example counts towards the top-{@code k} accuracy when its
 * true class is among the {@code k} largest outputs, ties going to the lower column as in the
 * argmax, so the top-1 accuracy is the accuracy; a single output stands for two classes, and
 * any {@code k ≥} the number of classes gives 1.
 *
 * <p>Immutable: safe to share between threads. The matrix is copied in, and
 * {@link #confusion()} hands out a copy.
 *
 * @param confusion     counts of (true class, predicted class) pairs
 * @param topK          the {@code k} of the top-{@code k} accuracy, at least 1
 * @param topKAccuracy  the fraction of examples whose true class is among the {@code k}
 *                      largest outputs
 */
public record ClassificationMetrics(ConfusionMatrix confusion, int topK, double topKAccuracy) {

    /** The {@code k} of the top-{@code k} accuracy when none is asked for, as in Keras. */
    public static final int DEFAULT_TOP_K = 5;

    /**
     * Copies the matrix and checks {@code k}.
     *
     * @param confusion     counts of (true class, predicted class) pairs
     * @param topK          the {@code k} of the top-{@code k} accuracy, at least 1
     * @param topKAccuracy  the top-{@code k} accuracy
     */
    public ClassificationMetrics {
        confusion = confusion.copy();
        if (topK < 1) {
            throw new IllegalArgumentException("top-k needs k >= 1, got " + topK);
        }
    }

    /**
     * The class the outputs {@code outputs[offset] … outputs[offset + width − 1]} of one example
     * predict: the column of the largest (the first on ties) when {@code width > 1}; for a
     * single output, 1 when it is at least {@link Backend#BINARY_THRESHOLD} (0.5) and 0
     * otherwise.
     *
     * @param outputs a model's outputs, row-major
     * @param offset  where the example's outputs start
     * @param width   outputs per example, at least 1
     * @return the predicted class, in {@code [0, max(width, 2))}
     */
    public static int predictedClass(float[] outputs, int offset, int width) {
        if (width == 1) {
            return outputs[offset] >= Backend.BINARY_THRESHOLD ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (outputs[offset + c] > outputs[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * A copy of the confusion matrix.
     *
     * @return a new matrix with the counts, rows the true classes
     */
    @Override
    public ConfusionMatrix confusion() {
        return confusion.copy();
    }

    /**
     * Number of classes (2 for a single sigmoid output).
     *
     * @return the confusion matrix's size
     */
    public int classes() {
        return confusion.classes();
    }

    /**
     * Fraction of examples classified correctly.
     *
     * @return the accuracy, in [0, 1]
     */
    public double accuracy() {
        return confusion.accuracy();
    }

    /**
     * Precision of class {@code c}: of the examples predicted {@code c}, the fraction that are.
     *
     * @param c the class
     * @return its precision, in [0, 1]; 0 when nothing was predicted {@code c}
     */
    public double precision(int c) {
        return confusion.precision(c);
    }

    /**
     * Recall of class {@code c}: of the examples of class {@code c}, the fraction found.
     *
     * @param c the class
     * @return its recall, in [0, 1]; 0 when no example is of class {@code c}
     */
    public double recall(int c) {
        return confusion.recall(c);
    }

    /**
     * F1 of class {@code c}, the harmonic mean of its precision and recall.
     *
     * @param c the class
     * @return its F1, in [0, 1]
     */
    public double f1(int c) {
        return confusion.f1(c);
    }

    /**
     * The unweighted mean of every class's F1.
     *
     * @return the macro-averaged F1, in [0, 1]
     */
    public double macroF1() {
        return confusion.macroF1();
    }

    /** The accuracies and macro F1 on one line, then the confusion matrix's table. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "accuracy %.4f, top-%d accuracy %.4f, macro F1 %.4f%n",
                accuracy(), topK, topKAccuracy, macroF1()) + confusion;
    }
}
