package io.nn4j.api.testkit;

import io.nn4j.api.train.Dataset;
import java.util.Random;

/**
 * A small, learnable classification problem for tests: Gaussian blobs, one per class, around
 * centres drawn from the seed; example {@code i} belongs to class {@code i % classes}.
 *
 * @param features row-major inputs, {@code examples × featureCount}
 * @param labels   the class of each example
 * @param featureCount features per example
 * @param classes  number of classes
 */
public record Blobs(float[] features, int[] labels, int featureCount, int classes) {

    /** {@code examples} examples of {@code featureCount} features in {@code classes} blobs. */
    public static Blobs of(int examples, int featureCount, int classes, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[classes][featureCount];
        for (float[] centre : centres) {
            for (int j = 0; j < featureCount; j++) {
                centre[j] = (float) random.nextGaussian();
            }
        }
        float[] x = new float[examples * featureCount];
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < featureCount; j++) {
                x[i * featureCount + j] = centres[labels[i]][j] + (float) random.nextGaussian();
            }
        }
        return new Blobs(x, labels, featureCount, classes);
    }

    /** The data with one-hot targets. */
    public Dataset oneHot() {
        return Dataset.ofClasses(features, featureCount, labels, classes);
    }

    /** The data with class-index targets {@code [n, 1]}. */
    public Dataset sparse() {
        return Dataset.ofLabels(features, featureCount, labels, classes);
    }

    /** The data with one 0/1 target: whether the example is of class {@code positive}. */
    public Dataset binary(int positive) {
        float[] targets = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = labels[i] == positive ? 1f : 0f;
        }
        return new Dataset(features, featureCount, targets, 1);
    }
}
