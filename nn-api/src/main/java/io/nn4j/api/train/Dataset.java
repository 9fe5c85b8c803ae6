package io.nn4j.api.train;

import io.nn4j.api.preprocess.Scaler;
import java.util.Arrays;
import java.util.Objects;

/**
 * Examples held on the host: features and targets, one example per row, row-major float32
 * (or features as unsigned bytes with a divisor, such as image pixels: {@link #ofUnsignedBytes}).
 *
 * <p>Made from flat row-major arrays (the constructor, {@link #ofClasses}, {@link #ofLabels}) or
 * from rows, {@code float[][]} or {@code double[][]} features with class labels (sparse, by
 * {@link #ofLabels(float[][], int[], int)}, or one-hot, by
 * {@link #ofClasses(float[][], int[], int)}) or float targets ({@link #ofTargets}); the shapes
 * and labels are checked before anything is copied. nn-data's {@code io.nn4j.data.CsvLoader}
 * reads a CSV file into one; {@link Split} splits one into training, validation and test sets.
 *
 * <p>Values are checked when the data set is made: a NaN or an infinity in the features or the
 * targets is refused, naming its row and column, so bad data stops at the door instead of
 * turning the weights into NaN halfway through an epoch. {@link #allowingNonFinite} skips that
 * check for callers who want it so. Whether the targets suit a loss is checked later, by the
 * {@link Trainer} or a {@link TrainingStep}, which know the loss and the model's output width.
 *
 * <p>Immutable in use and safe to share between threads. The flat arrays given to the
 * constructor and {@link #allowingNonFinite} are not copied: changing them after the data set is
 * made changes its examples and bypasses the value check.
 */
public final class Dataset {
    /** The features as floats, or null when they are held as bytes. */
    private final float[] features;
    /** The features as unsigned bytes, or null when they are held as floats. */
    private final ByteFeatures byteFeatures;
    private final int featureCount;
    private final float[] targets;
    private final int targetCount;
    private final int size;

    /**
     * A data set of {@code features.length / featureCount} examples, every value finite.
     *
     * @param features the feature values, row-major
     * @param featureCount features per example, at least 1
     * @param targets the target values, row-major
     * @param targetCount target values per example, at least 1
     * @throws IllegalArgumentException when the arrays do not hold whole, equally many rows, or
     *                                  for a NaN or infinite value (naming features or
     *                                  targets, its row, column and value)
     */
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount) {
        this(features, featureCount, targets, targetCount, true);
    }

    private Dataset(float[] features, int featureCount, float[] targets, int targetCount,
                    boolean checkValues) {
        this(Objects.requireNonNull(features, "features"), null, features.length, featureCount,
                targets, targetCount, checkValues);
    }

    private Dataset(float[] features, ByteFeatures byteFeatures, int featureValues,
                    int featureCount, float[] targets, int targetCount, boolean checkValues) {
        this.features = features;
        this.byteFeatures = byteFeatures;
        this.targets = Objects.requireNonNull(targets, "targets");
        if (featureCount < 1 || targetCount < 1) {
            throw new IllegalArgumentException("feature and target counts must be at least 1, got "
                    + featureCount + " and " + targetCount);
        }
        if (featureValues % featureCount != 0 || targets.length % targetCount != 0) {
            throw new IllegalArgumentException("features (" + featureValues + " values) and "
                    + "targets (" + targets.length + " values) must hold whole rows of "
                    + featureCount + " and " + targetCount);
        }
        int rows = featureValues / featureCount;
        if (rows != targets.length / targetCount || rows == 0) {
            throw new IllegalArgumentException("features hold " + rows + " rows but targets hold "
                    + targets.length / targetCount + "; expected the same, at least 1");
        }
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.size = rows;
        if (checkValues) {
            if (features != null) {
                refuseNonFinite("features", features, featureCount);
            }
            refuseNonFinite("targets", targets, targetCount);
        }
    }

    /**
     * A data set whose features are unsigned bytes, such as the pixels of images: feature
     * value {@code i} is the float32 quotient {@code (features[i] & 0xFF) / divisor} (255 maps
     * pixels to {@code [0, 1]}). Held as bytes, a quarter of the memory of floats; each batch
     * is converted as it is staged, so training and evaluation see exactly the floats a data
     * set of the converted values would hold. The targets are checked as the constructor
     * checks them; the array of bytes is kept, not copied.
     *
     * @param features     the feature bytes, row-major
     * @param featureCount features per example, at least 1
     * @param divisor      what every byte is divided by, positive and finite
     * @param targets      the target values, row-major
     * @param targetCount  target values per example, at least 1
     * @return the data set
     * @throws IllegalArgumentException when the arrays do not hold whole, equally many rows,
     *                                  the divisor is not positive and finite, or a target is
     *                                  NaN or infinite (naming its row, column and value)
     */
    public static Dataset ofUnsignedBytes(byte[] features, int featureCount, float divisor,
                                          float[] targets, int targetCount) {
        ByteFeatures bytes = new ByteFeatures(Objects.requireNonNull(features, "features"),
                divisor);
        return new Dataset(null, bytes, features.length, featureCount, targets, targetCount,
                true);
    }

    /**
     * A classification data set with one-hot targets whose features are unsigned bytes, each
     * value {@code (b & 0xFF) / divisor}, as {@link #ofUnsignedBytes} holds them.
     *
     * @param features     the feature bytes, row-major
     * @param featureCount features per example, at least 1
     * @param divisor      what every byte is divided by, positive and finite
     * @param labels       the class of each example
     * @param classes      the number of classes
     * @return the data set, with {@code classes} targets per example
     * @throws IllegalArgumentException for a label outside {@code [0, classes)}, or as
     *                                  {@link #ofUnsignedBytes} says
     */
    public static Dataset ofClasses(byte[] features, int featureCount, float divisor,
                                    int[] labels, int classes) {
        checkLabels(labels, classes);
        return ofUnsignedBytes(features, featureCount, divisor, oneHot(labels, classes), classes);
    }

    /**
     * A data set whose values are not checked for NaN and infinities (shapes still are): for
     * data known to be clean and too large to scan, or to study what bad values do. The trainer
     * still checks the targets against the loss, so a non-finite target is refused there; a
     * non-finite feature reaches training, where the {@link Trainer}'s divergence check stops
     * it within a few steps and names the row and column.
     *
     * @param features the feature values, row-major
     * @param featureCount features per example, at least 1
     * @param targets the target values, row-major
     * @param targetCount target values per example, at least 1
     * @return the data set, unchecked for non-finite values
     * @throws IllegalArgumentException when the arrays do not hold whole, equally many rows
     */
    public static Dataset allowingNonFinite(float[] features, int featureCount, float[] targets,
                                            int targetCount) {
        return new Dataset(features, featureCount, targets, targetCount, false);
    }

    /**
     * A classification data set with one-hot targets.
     *
     * @param features the feature values, row-major
     * @param featureCount features per example, at least 1
     * @param labels the class of each example
     * @param classes the number of classes
     * @return the data set, with {@code classes} targets per example
     * @throws IllegalArgumentException for a label outside {@code [0, classes)} or a
     *                                  non-finite feature
     */
    public static Dataset ofClasses(float[] features, int featureCount, int[] labels, int classes) {
        checkLabels(labels, classes);
        return new Dataset(features, featureCount, oneHot(labels, classes), classes);
    }

    /**
     * A classification data set with sparse targets: one class index per example (a
     * {@code [n, 1]} target), for {@link io.nn4j.api.Loss#SPARSE_CATEGORICAL_CROSSENTROPY}.
     *
     * @param features the feature values, row-major
     * @param featureCount features per example, at least 1
     * @param labels the class of each example
     * @param classes the number of classes
     * @return the data set, with one target per example
     * @throws IllegalArgumentException for a label outside {@code [0, classes)} or a
     *                                  non-finite feature
     */
    public static Dataset ofLabels(float[] features, int featureCount, int[] labels, int classes) {
        checkLabels(labels, classes);
        return new Dataset(features, featureCount, asFloats(labels), 1);
    }

    /**
     * A classification data set with sparse targets from feature rows: example {@code i} has
     * the features {@code features[i]} and the class index {@code labels[i]} (a {@code [n, 1]}
     * target), for {@link io.nn4j.api.Loss#SPARSE_CATEGORICAL_CROSSENTROPY}. The rows are
     * copied.
     *
     * @param features one row of feature values per example, all of one width
     * @param labels the class index of each example, one per row
     * @param classes the number of classes; every label must be in {@code [0, classes)}
     * @return the data set, with one target (the class index) per example
     * @throws IllegalArgumentException before anything is copied, naming the first bad row: no
     *                                  rows, a null or empty row, rows of different widths,
     *                                  another number of labels than rows, a label outside
     *                                  {@code [0, classes)}; or for a non-finite feature
     */
    public static Dataset ofLabels(float[][] features, int[] labels, int classes) {
        int width = checkRows("features", features);
        checkLabels(features.length, labels, classes);
        return new Dataset(flatten(features, width), width, asFloats(labels), 1);
    }

    /**
     * {@link #ofLabels(float[][], int[], int)} for features in double precision, each value
     * rounded to the nearest float (one beyond float's range becomes infinite and is refused).
     *
     * @param features one row of feature values per example, all of one width
     * @param labels the class index of each example, one per row
     * @param classes the number of classes; every label must be in {@code [0, classes)}
     * @return the data set, with one target (the class index) per example
     * @throws IllegalArgumentException as {@link #ofLabels(float[][], int[], int)} does
     */
    public static Dataset ofLabels(double[][] features, int[] labels, int classes) {
        return ofLabels(toFloat(features), labels, classes);
    }

    /**
     * A classification data set with one-hot targets from feature rows: example {@code i} has
     * the features {@code features[i]} and a target row of {@code classes} values, 1 in column
     * {@code labels[i]} and 0 elsewhere, for {@link io.nn4j.api.Loss#CATEGORICAL_CROSSENTROPY}.
     * The rows are copied.
     *
     * @param features one row of feature values per example, all of one width
     * @param labels the class index of each example, one per row
     * @param classes the number of classes, the width of each one-hot target row
     * @return the data set, with {@code classes} targets per example
     * @throws IllegalArgumentException before anything is copied, naming the first bad row: no
     *                                  rows, a null or empty row, rows of different widths,
     *                                  another number of labels than rows, a label outside
     *                                  {@code [0, classes)}; or for a non-finite feature
     */
    public static Dataset ofClasses(float[][] features, int[] labels, int classes) {
        int width = checkRows("features", features);
        checkLabels(features.length, labels, classes);
        return new Dataset(flatten(features, width), width, oneHot(labels, classes), classes);
    }

    /**
     * {@link #ofClasses(float[][], int[], int)} for features in double precision, each value
     * rounded to the nearest float (one beyond float's range becomes infinite and is refused).
     *
     * @param features one row of feature values per example, all of one width
     * @param labels the class index of each example, one per row
     * @param classes the number of classes, the width of each one-hot target row
     * @return the data set, with {@code classes} targets per example
     * @throws IllegalArgumentException as {@link #ofClasses(float[][], int[], int)} does
     */
    public static Dataset ofClasses(double[][] features, int[] labels, int classes) {
        return ofClasses(toFloat(features), labels, classes);
    }

    /**
     * A data set with one target value per example, e.g. for regression of one quantity:
     * example {@code i} has the features {@code features[i]} and the target
     * {@code targets[i]}. The rows are copied.
     *
     * @param features one row of feature values per example, all of one width
     * @param targets the target value of each example, one per row
     * @return the data set, with one target per example
     * @throws IllegalArgumentException before anything is copied, naming the first bad row: no
     *                                  rows, a null or empty row, rows of different widths,
     *                                  another number of targets than rows; or for a non-finite
     *                                  value
     */
    public static Dataset ofTargets(float[][] features, float[] targets) {
        int width = checkRows("features", features);
        checkSameRowCount(features.length, "targets", Objects.requireNonNull(targets,
                "targets").length);
        return new Dataset(flatten(features, width), width, targets.clone(), 1);
    }

    /**
     * {@link #ofTargets(float[][], float[])} in double precision, each value rounded to the
     * nearest float (one beyond float's range becomes infinite and is refused).
     *
     * @param features one row of feature values per example, all of one width
     * @param targets the target value of each example, one per row
     * @return the data set, with one target per example
     * @throws IllegalArgumentException as {@link #ofTargets(float[][], float[])} does
     */
    public static Dataset ofTargets(double[][] features, double[] targets) {
        return ofTargets(toFloat(features), toFloat(Objects.requireNonNull(targets, "targets")));
    }

    /**
     * A data set with a row of target values per example, e.g. for regression of several
     * quantities: example {@code i} has the features {@code features[i]} and the targets
     * {@code targets[i]}. The rows are copied.
     *
     * @param features one row of feature values per example, all of one width
     * @param targets one row of target values per example, all of one width
     * @return the data set, with as many targets per example as a target row holds
     * @throws IllegalArgumentException before anything is copied, naming the first bad row: no
     *                                  rows, a null or empty row, rows of different widths (in
     *                                  the features or in the targets), another number of
     *                                  target rows than feature rows; or for a non-finite value
     */
    public static Dataset ofTargets(float[][] features, float[][] targets) {
        int width = checkRows("features", features);
        int targetWidth = checkRows("targets", targets);
        checkSameRowCount(features.length, "targets", targets.length);
        return new Dataset(flatten(features, width), width, flatten(targets, targetWidth),
                targetWidth);
    }

    /**
     * {@link #ofTargets(float[][], float[][])} in double precision, each value rounded to the
     * nearest float (one beyond float's range becomes infinite and is refused).
     *
     * @param features one row of feature values per example, all of one width
     * @param targets one row of target values per example, all of one width
     * @return the data set, with as many targets per example as a target row holds
     * @throws IllegalArgumentException as {@link #ofTargets(float[][], float[][])} does
     */
    public static Dataset ofTargets(double[][] features, double[][] targets) {
        return ofTargets(toFloat(features), toFloat(targets));
    }

    /** The width shared by every row, after refusing no rows, null or empty rows, ragged rows. */
    private static int checkRows(String what, float[][] rows) {
        Objects.requireNonNull(rows, what);
        if (rows.length == 0) {
            throw new IllegalArgumentException(what + " hold no rows; expected at least 1");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length == 0) {
                throw new IllegalArgumentException(what + " row " + i + " is "
                        + (rows[i] == null ? "null" : "empty") + "; expected "
                        + (i == 0 ? "at least 1 value" : rows[0].length + " values like row 0"));
            }
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException(what + " row " + i + " has " + rows[i].length
                        + (rows[i].length == 1 ? " value" : " values") + "; expected "
                        + rows[0].length + " like row 0");
            }
        }
        if ((long) rows.length * rows[0].length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " hold " + rows.length + " rows of "
                    + rows[0].length + " values; expected at most " + Integer.MAX_VALUE
                    + " values in all");
        }
        return rows[0].length;
    }

    private static void checkSameRowCount(int rows, String what, int count) {
        if (count != rows) {
            throw new IllegalArgumentException("features hold " + rows + " rows but " + what
                    + " hold " + count + "; expected one per feature row");
        }
    }

    private static void checkLabels(int rows, int[] labels, int classes) {
        checkSameRowCount(rows, "labels", Objects.requireNonNull(labels, "labels").length);
        checkLabels(labels, classes);
    }

    private static void checkLabels(int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i]
                        + "; expected a class in [0, " + classes + ")");
            }
        }
    }

    private static float[] oneHot(int[] labels, int classes) {
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1f;
        }
        return oneHot;
    }

    private static float[] asFloats(int[] labels) {
        float[] indices = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            indices[i] = labels[i];
        }
        return indices;
    }

    private static float[] flatten(float[][] rows, int width) {
        float[] values = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, values, i * width, width);
        }
        return values;
    }

    /** Each row rounded to float; a null row stays null, for the checks to name. */
    private static float[][] toFloat(double[][] rows) {
        if (rows == null) {
            return null;
        }
        float[][] floats = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            floats[i] = rows[i] == null ? null : toFloat(rows[i]);
        }
        return floats;
    }

    private static float[] toFloat(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
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
            String found = features == null ? null
                    : nonFiniteInRow("features", features, featureCount, row);
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

    /**
     * A data set of the examples {@code rows[0]}, {@code rows[1]}, … of this one, in that order
     * (an example may appear more than once): for splits and subsets. The values are copied and
     * not checked again; a subset of a data set made by {@link #allowingNonFinite} may hold
     * non-finite values as well.
     *
     * @param rows the indices of the examples to take, each in {@code [0, size())}
     * @return a new data set of {@code rows.length} examples with this one's widths
     * @throws IllegalArgumentException for no rows or a row outside {@code [0, size())}, naming
     *                                  its position
     */
    public Dataset select(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows selected; expected at least 1");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= size) {
                throw new IllegalArgumentException("row " + i + " of the selection is " + rows[i]
                        + "; expected a row in [0, " + size + ")");
            }
        }
        float[] selectedTargets = new float[rows.length * targetCount];
        if (byteFeatures != null) {
            byte[] selectedBytes = new byte[rows.length * featureCount];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(byteFeatures.values(), rows[r] * featureCount, selectedBytes,
                        r * featureCount, featureCount);
                System.arraycopy(targets, rows[r] * targetCount, selectedTargets,
                        r * targetCount, targetCount);
            }
            return new Dataset(null, new ByteFeatures(selectedBytes, byteFeatures.divisor()),
                    selectedBytes.length, featureCount, selectedTargets, targetCount, false);
        }
        float[] selectedFeatures = new float[rows.length * featureCount];
        gather(rows, 0, rows.length, selectedFeatures, selectedTargets);
        return new Dataset(selectedFeatures, featureCount, selectedTargets, targetCount, false);
    }

    /**
     * The class of every example, for classification data: the target itself for one target
     * column of class indices (sparse targets), the column holding 1 for one-hot targets.
     *
     * @return a new array of {@link #size()} class indices, one per example in order
     * @throws IllegalArgumentException naming the first row whose targets name no class: a
     *                                  single target that is not a whole number ≥ 0, or a row
     *                                  of several targets that is not one-hot
     */
    public int[] classIndices() {
        int[] classes = new int[size];
        for (int row = 0; row < size; row++) {
            classes[row] = targetCount == 1 ? classIndex(row) : hotColumn(row);
        }
        return classes;
    }

    private int classIndex(int row) {
        float value = targets[row];
        if (!(value >= 0 && value == Math.rint(value) && value < Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("targets row " + row + " is " + value
                    + "; expected a class index (a whole number from 0) or one-hot rows");
        }
        return (int) value;
    }

    private int hotColumn(int row) {
        int hot = -1;
        int ones = 0;
        boolean others = false;
        for (int column = 0; column < targetCount; column++) {
            float value = targets[row * targetCount + column];
            if (value == 1f) {
                ones++;
                hot = column;
            } else if (value != 0f) {
                others = true;
            }
        }
        if (ones != 1 || others) {
            throw new IllegalArgumentException("targets row " + row + " is not one-hot: "
                    + Arrays.toString(Arrays.copyOfRange(targets, row * targetCount,
                    (row + 1) * targetCount))
                    + "; expected one 1 and the rest 0");
        }
        return hot;
    }

    /**
     * Fits a scaler on the features of this data set: call it on the training rows only (not
     * the validation or test rows), and give the scaler to the model
     * ({@code Sequential.Builder.featureScaler}).
     *
     * @param kind how to fit it
     * @return the scaler, {@link #featureCount()} columns wide
     * @throws IllegalArgumentException for a non-finite feature (a data set made with
     *                                  {@link #allowingNonFinite}), naming row and column
     */
    public Scaler fitFeatureScaler(Scaler.Kind kind) {
        return Scaler.fit(kind, features(), featureCount);
    }

    /**
     * Fits a scaler on the targets of this data set, for regression: call it on the training
     * rows only, and give the scaler to the model ({@code Sequential.Builder.targetScaler}).
     *
     * @param kind how to fit it
     * @return the scaler, {@link #targetCount()} columns wide
     * @throws IllegalArgumentException for a non-finite target, naming row and column
     */
    public Scaler fitTargetScaler(Scaler.Kind kind) {
        return Scaler.fit(kind, targets, targetCount);
    }

    /**
     * The features as floats, row-major: the backing array itself for features held as floats
     * (for the trainer's batch copies), a new array of the converted values for features held
     * as bytes. Read only.
     */
    float[] features() {
        return features != null ? features : byteFeatures.toFloats();
    }

    /** The features held as bytes: the backing array itself. Only when they are. */
    byte[] featureBytes() {
        return byteFeatures.values();
    }

    /** The float of each byte value of features held as bytes (256 of them). */
    float[] featurePalette() {
        return byteFeatures.palette();
    }

    /** The features as floats, row-major, in a new array the caller may change. */
    float[] copyOfFeatures() {
        return features != null ? features.clone() : byteFeatures.toFloats();
    }

    /** Whether the features are held as unsigned bytes ({@link #ofUnsignedBytes}). */
    boolean holdsByteFeatures() {
        return byteFeatures != null;
    }

    /** The targets, row-major: the backing array itself, for the trainer's batch copies. */
    float[] targets() {
        return targets;
    }

    /**
     * Number of examples.
     *
     * @return the number of rows
     */
    public int size() {
        return size;
    }

    /**
     * Features per example.
     *
     * @return the width of a feature row
     */
    public int featureCount() {
        return featureCount;
    }

    /**
     * Target values per example (classes, for one-hot targets).
     *
     * @return the width of a target row
     */
    public int targetCount() {
        return targetCount;
    }

    /**
     * Writes the features of examples {@code order[from] … order[from + count − 1]} into the
     * first {@code count} rows of {@code featureRows}, as floats.
     */
    void gatherFeatures(int[] order, int from, int count, float[] featureRows) {
        for (int r = 0; r < count; r++) {
            copyFeatures(order[from + r], featureRows, r * featureCount);
        }
    }

    private void copyFeatures(int example, float[] dst, int offset) {
        if (byteFeatures != null) {
            byteFeatures.copy(example * featureCount, featureCount, dst, offset);
        } else {
            System.arraycopy(features, example * featureCount, dst, offset, featureCount);
        }
    }

    /**
     * Copies the examples {@code order[from] … order[from + count − 1]} into the first
     * {@code count} rows of {@code featureRows} and {@code targetRows}.
     *
     * @param order the example indices, e.g. a shuffled epoch order
     * @param from the position in {@code order} of the first example copied
     * @param count the number of examples copied
     * @param featureRows receives the features, row-major
     * @param targetRows receives the targets, row-major
     */
    public void gather(int[] order, int from, int count, float[] featureRows, float[] targetRows) {
        for (int r = 0; r < count; r++) {
            int example = order[from + r];
            copyFeatures(example, featureRows, r * featureCount);
            System.arraycopy(targets, example * targetCount, targetRows, r * targetCount,
                    targetCount);
        }
    }
}
