package io.nn4j.api.metrics;

/**
 * A binary classifier's counts at a decision threshold: an example is predicted positive when
 * its probability is at least the threshold.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param threshold      the decision threshold (0.5 unless chosen otherwise)
 * @param truePositives  positives predicted positive
 * @param falsePositives negatives predicted positive
 * @param trueNegatives  negatives predicted negative
 * @param falseNegatives positives predicted negative
 */
public record BinaryMetrics(double threshold, long truePositives, long falsePositives,
                            long trueNegatives, long falseNegatives) {

    /** The usual threshold for a sigmoid output. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /**
     * Counts {@code probabilities[i] >= threshold} against {@code positive[i]}.
     *
     * @param threshold the probability from which an example counts as predicted positive, in [0,
     *     1]
     * @param probabilities the predicted probabilities of the positive class
     * @param positive whether each example is truly positive
     * @return the counts and metrics at that threshold
     * @throws IllegalArgumentException when the arrays differ in length or the threshold is not
     *                                  in [0, 1]
     */
    public static BinaryMetrics at(double threshold, float[] probabilities, boolean[] positive) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (probabilities.length != positive.length) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length
                    + " values but positive has " + positive.length + "; expected as many");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < probabilities.length; i++) {
            boolean predicted = probabilities[i] >= threshold;
            if (predicted && positive[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (positive[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new BinaryMetrics(threshold, tp, fp, tn, fn);
    }

    /**
     * TP / (TP + FP), or 0 when nothing was predicted positive.
     *
     * @return the precision, in [0, 1]
     */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /**
     * TP / (TP + FN), or 0 when there are no positives.
     *
     * @return the recall, in [0, 1]
     */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /**
     * Harmonic mean of precision and recall.
     *
     * @return the F1 score, in [0, 1]; 0 when both are 0
     */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Fraction of examples classified correctly.
     *
     * @return the accuracy, in [0, 1]
     */
    public double accuracy() {
        return ratio(truePositives + trueNegatives,
                truePositives + trueNegatives + falsePositives + falseNegatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
