package io.nn4j.api.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs over {@code K} classes, with the per-class
 * precision, recall and F1 they give.
 *
 * <p>For class {@code c}: precision = TP / (TP + FP), the fraction of predictions of {@code c}
 * that were right; recall = TP / (TP + FN), the fraction of true {@code c} that were found;
 * F1 = their harmonic mean. A ratio whose denominator is zero is reported as 0.
 *
 * <p>Not safe to share between threads while it is being filled: {@link #add} is unsynchronized;
 * once filled, reading it from several threads is safe.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts;

    /**
     * An empty matrix over {@code classes} classes.
     *
     * @param classes the number of classes, at least 1
     */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        this.classes = classes;
        this.counts = new long[classes * classes];
    }

    /**
     * The matrix of equally long arrays of true and predicted classes.
     *
     * @param actual the true class of each example
     * @param predicted the predicted class of each example
     * @param classes the number of classes
     * @return the filled matrix
     * @throws IllegalArgumentException when the lengths differ or a class is out of range
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length
                    + " classes but predicted has " + predicted.length + "; expected as many");
        }
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        for (int i = 0; i < actual.length; i++) {
            matrix.add(actual[i], predicted[i]);
        }
        return matrix;
    }

    /**
     * Counts one example.
     *
     * @param actual its true class
     * @param predicted its predicted class
     */
    public void add(int actual, int predicted) {
        checkClass("actual", actual);
        checkClass("predicted", predicted);
        counts[actual * classes + predicted]++;
    }

    /**
     * An independent copy: adding to either leaves the other as it was.
     *
     * @return a new matrix with the same counts
     */
    public ConfusionMatrix copy() {
        ConfusionMatrix copy = new ConfusionMatrix(classes);
        System.arraycopy(counts, 0, copy.counts, 0, counts.length);
        return copy;
    }

    /**
     * Number of classes.
     *
     * @return the number of rows (and columns) of the matrix
     */
    public int classes() {
        return classes;
    }

    /**
     * Examples of true class {@code actual} predicted as {@code predicted}.
     *
     * @param actual the true class
     * @param predicted the predicted class
     * @return the count in that cell
     */
    public long count(int actual, int predicted) {
        checkClass("actual", actual);
        checkClass("predicted", predicted);
        return counts[actual * classes + predicted];
    }

    /**
     * Number of examples counted.
     *
     * @return the sum of every cell
     */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /**
     * Fraction of examples on the diagonal.
     *
     * @return the accuracy, in [0, 1]
     */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < classes; c++) {
            right += counts[c * classes + c];
        }
        return ratio(right, total());
    }

    /**
     * TP / (TP + FP) of class {@code c}.
     *
     * @param c the class
     * @return its precision, in [0, 1]
     */
    public double precision(int c) {
        long predicted = 0;
        for (int a = 0; a < classes; a++) {
            predicted += count(a, c);
        }
        return ratio(count(c, c), predicted);
    }

    /**
     * TP / (TP + FN) of class {@code c}.
     *
     * @param c the class
     * @return its recall, in [0, 1]
     */
    public double recall(int c) {
        long actual = 0;
        for (int p = 0; p < classes; p++) {
            actual += count(c, p);
        }
        return ratio(count(c, c), actual);
    }

    /**
     * Harmonic mean of precision and recall of class {@code c}.
     *
     * @param c the class
     * @return its F1 score, in [0, 1]; 0 when precision and recall are both 0
     */
    public double f1(int c) {
        double precision = precision(c);
        double recall = recall(c);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /**
     * The unweighted mean of every class's F1.
     *
     * @return the macro-averaged F1, in [0, 1]
     */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += f1(c);
        }
        return sum / classes;
    }

    /**
     * Whether {@code other} is a confusion matrix over as many classes with the same counts.
     *
     * @param other the object compared
     * @return true for equal classes and counts
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix that && classes == that.classes
                && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classes + Arrays.hashCode(counts);
    }

    /** A table of the counts (rows: true class, columns: predicted) and per-class metrics. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("true\\pred");
        for (int p = 0; p < classes; p++) {
            text.append(String.format(Locale.ROOT, " %6d", p));
        }
        text.append("  precision recall     f1\n");
        for (int a = 0; a < classes; a++) {
            text.append(String.format(Locale.ROOT, "%9d", a));
            for (int p = 0; p < classes; p++) {
                text.append(String.format(Locale.ROOT, " %6d", count(a, p)));
            }
            text.append(String.format(Locale.ROOT, "  %9.4f %6.4f %6.4f%n", precision(a), recall(a),
                    f1(a)));
        }
        return text.toString();
    }

    private void checkClass(String role, int c) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException(role + " class " + c + " is outside [0, " + classes
                    + ")");
        }
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
