package io.nn4j.api.train;

import java.util.Objects;

/**
 * Examples held on the host: features and targets, one example per row, row-major float32.
 *
 * <p>Classification data uses one-hot targets; {@link #ofClasses} builds them from labels.
 */
public final class Dataset {
    private final float[] features;
    private final int featureCount;
    private final float[] targets;
    private final int targetCount;
    private final int size;

    /**
     * A data set of {@code features.length / featureCount} examples.
     *
     * @throws IllegalArgumentException when the arrays do not hold whole, equally many rows
     */
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount) {
        this.features = Objects.requireNonNull(features, "features");
        this.targets = Objects.requireNonNull(targets, "targets");
        if (featureCount < 1 || targetCount < 1) {
            throw new IllegalArgumentException("feature and target counts must be at least 1, got "
                    + featureCount + " and " + targetCount);
        }
        if (features.length % featureCount != 0 || targets.length % targetCount != 0) {
            throw new IllegalArgumentException("features (" + features.length + " values) and "
                    + "targets (" + targets.length + " values) must hold whole rows of "
                    + featureCount + " and " + targetCount);
        }
        int rows = features.length / featureCount;
        if (rows != targets.length / targetCount || rows == 0) {
            throw new IllegalArgumentException("features hold " + rows + " rows but targets hold "
                    + targets.length / targetCount + "; expected the same, at least 1");
        }
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.size = rows;
    }

    /**
     * A classification data set with one-hot targets.
     *
     * @throws IllegalArgumentException for a label outside {@code [0, classes)}
     */
    public static Dataset ofClasses(float[] features, int featureCount, int[] labels, int classes) {
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i]
                        + "; expected a class in [0, " + classes + ")");
            }
            oneHot[i * classes + labels[i]] = 1f;
        }
        return new Dataset(features, featureCount, oneHot, classes);
    }

    /**
     * A classification data set with sparse targets: one class index per example (a
     * {@code [n, 1]} target), for {@link io.nn4j.api.Loss#SPARSE_CATEGORICAL_CROSSENTROPY}.
     *
     * @throws IllegalArgumentException for a label outside {@code [0, classes)}
     */
    public static Dataset ofLabels(float[] features, int featureCount, int[] labels, int classes) {
        float[] indices = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i]
                        + "; expected a class in [0, " + classes + ")");
            }
            indices[i] = labels[i];
        }
        return new Dataset(features, featureCount, indices, 1);
    }

    /** The features, row-major: the backing array itself, for the trainer's batch copies. */
    float[] features() {
        return features;
    }

    /** The targets, row-major: the backing array itself, for the trainer's batch copies. */
    float[] targets() {
        return targets;
    }

    /** Number of examples. */
    public int size() {
        return size;
    }

    /** Features per example. */
    public int featureCount() {
        return featureCount;
    }

    /** Target values per example (classes, for one-hot targets). */
    public int targetCount() {
        return targetCount;
    }

    /**
     * Copies the examples {@code order[from] … order[from + count − 1]} into the first
     * {@code count} rows of {@code featureRows} and {@code targetRows}.
     */
    public void gather(int[] order, int from, int count, float[] featureRows, float[] targetRows) {
        for (int r = 0; r < count; r++) {
            int example = order[from + r];
            System.arraycopy(features, example * featureCount, featureRows, r * featureCount,
                    featureCount);
            System.arraycopy(targets, example * targetCount, targetRows, r * targetCount,
                    targetCount);
        }
    }
}
