package io.nn4j.api.train;

import java.util.Objects;

/**
 * Examples held on the host: features and targets, one example per row, row-major float32.
 *
 * <p>Classification data uses one-hot targets; {@link #ofClasses} builds them from labels.
 *
 * <p>Values are checked when the data set is made: a NaN or an infinity in the features or the
 * targets is refused, naming its row and column, so bad data stops at the door instead of
 * turning the weights into NaN halfway through an epoch. {@link #allowingNonFinite} skips that
 * check for callers who want it so. Whether the targets suit a loss is checked later, by the
 * {@link Trainer} or a {@link TrainingStep}, which know the loss and the model's output width.
 *
 * <p>Immutable in use and safe to share between threads. The arrays are not copied: changing
 * them after the data set is made changes its examples and bypasses the value check.
 */
public final class Dataset {
    private final float[] features;
    private final int featureCount;
    private final float[] targets;
    private final int targetCount;
    private final int size;

    /**
     * A data set of {@code features.length / featureCount} examples, every value finite.
     *
     * @throws IllegalArgumentException when the arrays do not hold whole, equally many rows, or
     *                                  for a NaN or infinite value (naming features or
     *                                  targets, its row, column and value)
     */
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount) {
        this(features, featureCount, targets, targetCount, true);
    }

    private Dataset(float[] features, int featureCount, float[] targets, int targetCount,
                    boolean checkValues) {
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
        if (checkValues) {
            refuseNonFinite("features", features, featureCount);
            refuseNonFinite("targets", targets, targetCount);
        }
    }

    /**
     * A data set whose values are not checked for NaN and infinities (shapes still are): for
     * data known to be clean and too large to scan, or to study what bad values do. The trainer
     * still checks the targets against the loss, so a non-finite target is refused there; a
     * non-finite feature reaches training, where the {@link Trainer}'s divergence check stops
     * it within a few steps and names the row and column.
     *
     * @throws IllegalArgumentException when the arrays do not hold whole, equally many rows
     */
    public static Dataset allowingNonFinite(float[] features, int featureCount, float[] targets,
                                            int targetCount) {
        return new Dataset(features, featureCount, targets, targetCount, false);
    }

    /**
     * A classification data set with one-hot targets.
     *
     * @throws IllegalArgumentException for a label outside {@code [0, classes)} or a
     *                                  non-finite feature
     */
    public static Dataset ofClasses(float[] features, int featureCount, int[] labels, int classes) {
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            checkLabel(labels, i, classes);
            oneHot[i * classes + labels[i]] = 1f;
        }
        return new Dataset(features, featureCount, oneHot, classes);
    }

    /**
     * A classification data set with sparse targets: one class index per example (a
     * {@code [n, 1]} target), for {@link io.nn4j.api.Loss#SPARSE_CATEGORICAL_CROSSENTROPY}.
     *
     * @throws IllegalArgumentException for a label outside {@code [0, classes)} or a
     *                                  non-finite feature
     */
    public static Dataset ofLabels(float[] features, int featureCount, int[] labels, int classes) {
        float[] indices = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            checkLabel(labels, i, classes);
            indices[i] = labels[i];
        }
        return new Dataset(features, featureCount, indices, 1);
    }

    private static void checkLabel(int[] labels, int i, int classes) {
        if (labels[i] < 0 || labels[i] >= classes) {
            throw new IllegalArgumentException("label " + i + " is " + labels[i]
                    + "; expected a class in [0, " + classes + ")");
        }
    }

    private void refuseNonFinite(String what, float[] values, int width) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(position(what, i, width, values[i])
                        + "; a data set holds finite values only (Dataset.allowingNonFinite "
                        + "skips this check)");
            }
        }
    }

    /**
     * Where the first NaN or infinity among the examples {@code order[from] …
     * order[from + count − 1]} is, features before targets, e.g. {@code features row 17,
     * column 203 is NaN}; {@code null} when they are all finite.
     */
    String describeNonFinite(int[] order, int from, int count) {
        for (int r = from; r < from + count; r++) {
            int row = order[r];
            String found = nonFiniteInRow("features", features, featureCount, row);
            if (found == null) {
                found = nonFiniteInRow("targets", targets, targetCount, row);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String nonFiniteInRow(String what, float[] values, int width, int row) {
        for (int i = row * width; i < (row + 1) * width; i++) {
            if (!Float.isFinite(values[i])) {
                return position(what, i, width, values[i]);
            }
        }
        return null;
    }

    private static String position(String what, int index, int width, float value) {
        return what + " row " + index / width + ", column " + index % width + " is " + value;
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
