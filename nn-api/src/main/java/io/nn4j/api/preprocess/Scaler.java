package io.nn4j.api.preprocess;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A per-column affine scaling of rows, fitted on training rows only: a standardizer
 * ({@link Kind#STANDARD}: each column's mean and standard deviation) or a min-max scaler
 * ({@link Kind#MIN_MAX}: each column's minimum and range, mapping the training rows to
 * {@code [0, 1]}). Fit it on the training set ({@code train.fitFeatureScaler(kind)},
 * {@code train.fitTargetScaler(kind)}, or {@link #fit} on rows), never on validation or test
 * rows, and give it to the model ({@code Sequential.builder(n).featureScaler(…)}), which
 * applies it wherever data enters: {@code predict}, {@code Trainer.fit} and
 * {@code Trainer.evaluate}.
 *
 * <p>Column {@code j} is transformed as {@code x' = (x − center_j) / scale_j}, computed as
 * {@code x · factor_j + offset_j} with {@code factor_j = 1 / scale_j} and
 * {@code offset_j = −center_j / scale_j}, each rounded to float once: the same two float
 * operations on the host and on every backend (as scikit-learn computes it too; so a min-max
 * scaled training minimum may come out a rounding error away from 0). The inverse is
 * {@code x = x' · scale_j + center_j}. Statistics are computed in double precision. The standard deviation is the
 * population one (divided by the row count, as scikit-learn's {@code StandardScaler}). A
 * column without spread (constant in the training rows, or a spread below
 * {@link Float#MIN_NORMAL}) gets scale 1, as in scikit-learn: the standardizer maps it to 0
 * (its mean), the min-max scaler to 0 (its minimum), and neither divides by zero.
 *
 * <p>Immutable and safe to share between threads: every array given or returned is copied.
 */
public final class Scaler {
    /** How a scaler's center and scale come from the training rows. */
    public enum Kind {
        /** Center the mean, scale the population standard deviation. */
        STANDARD("standard"),
        /** Center the minimum, scale the range (maximum − minimum): training rows in [0, 1]. */
        MIN_MAX("minmax");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /**
         * The kind's name in files and on command lines.
         *
         * @return {@code standard} or {@code minmax}
         */
        public String id() {
            return id;
        }

        /**
         * The kind named {@code id}.
         *
         * @param id {@code standard} or {@code minmax}
         * @return the kind
         * @throws IllegalArgumentException for another name, listing the kinds
         */
        public static Kind byId(String id) {
            for (Kind kind : values()) {
                if (kind.id.equals(id)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown scaler '" + id + "'; expected one of "
                    + Arrays.stream(values()).map(Kind::id).toList());
        }
    }

    private final Kind kind;
    private final float[] center;
    private final float[] scale;
    private final float[] factor;
    private final float[] offset;

    private Scaler(Kind kind, float[] center, float[] scale) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.center = center.clone();
        this.scale = scale.clone();
        if (this.center.length == 0 || this.center.length != this.scale.length) {
            throw new IllegalArgumentException("a scaler needs one center and one scale per "
                    + "column, at least 1; got " + this.center.length + " centers and "
                    + this.scale.length + " scales");
        }
        this.factor = new float[this.center.length];
        this.offset = new float[this.center.length];
        for (int j = 0; j < this.center.length; j++) {
            float c = this.center[j];
            float s = this.scale[j];
            if (!Float.isFinite(c)) {
                throw new IllegalArgumentException("column " + j + ": center is " + c
                        + "; expected a finite value");
            }
            if (!(Float.isFinite(s) && s >= Float.MIN_NORMAL)) {
                throw new IllegalArgumentException("column " + j + ": scale is " + s
                        + "; expected a finite value of at least " + Float.MIN_NORMAL);
            }
            factor[j] = (float) (1.0 / s);
            offset[j] = (float) (-(double) c / s);
            if (!Float.isFinite(factor[j]) || !Float.isFinite(offset[j])) {
                throw new IllegalArgumentException("column " + j + ": center " + c + " and "
                        + "scale " + s + " give a transform beyond float's range");
            }
        }
    }

    /**
     * A scaler with the given centers and scales, e.g. as stored in a model file.
     *
     * @param kind how they were fitted
     * @param center per column, the value mapped to 0; finite
     * @param scale per column, the divisor; finite and at least {@link Float#MIN_NORMAL}
     * @return the scaler
     * @throws IllegalArgumentException for no columns, arrays of different lengths, a center
     *                                  that is not finite, a scale that is not finite or too
     *                                  small (zero), naming the column
     */
    public static Scaler of(Kind kind, float[] center, float[] scale) {
        return new Scaler(kind, Objects.requireNonNull(center, "center"),
                Objects.requireNonNull(scale, "scale"));
    }

    /**
     * Fits a scaler on rows, one array per example.
     *
     * @param kind how to fit it
     * @param rows the training rows, all of one width, at least one
     * @return the scaler, {@code rows[0].length} columns wide
     * @throws IllegalArgumentException for no rows, a null row, rows of different widths, or a
     *                                  non-finite value, naming the row
     */
    public static Scaler fit(Kind kind, float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0 || rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException("no rows to fit a scaler on; expected at least 1 "
                    + "row of at least 1 value");
        }
        int width = rows[0].length;
        float[] flat = new float[Math.multiplyExact(rows.length, width)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                throw new IllegalArgumentException("row " + r + " has "
                        + (rows[r] == null ? "no array" : rows[r].length + " values")
                        + "; expected " + width + " like row 0");
            }
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return fit(kind, flat, width);
    }

    /**
     * Fits a scaler on row-major rows ({@code Dataset.fitFeatureScaler} and
     * {@code fitTargetScaler} fit one on a data set's features or targets).
     *
     * @param kind how to fit it
     * @param values the training rows, row-major, whole rows of {@code width}, at least one
     * @param width values per row, at least 1
     * @return the scaler, {@code width} columns wide
     * @throws IllegalArgumentException for no rows, a partial row, or a non-finite value,
     *                                  naming row and column
     */
    public static Scaler fit(Kind kind, float[] values, int width) {
        Objects.requireNonNull(kind, "kind");
        if (width < 1 || values.length == 0 || values.length % width != 0) {
            throw new IllegalArgumentException(values.length + " values in rows of " + width
                    + "; expected at least one whole row to fit a scaler on");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("row " + i / width + ", column " + i % width
                        + " is " + values[i] + "; a scaler is fitted on finite values only");
            }
        }
        int rows = values.length / width;
        float[] center = new float[width];
        float[] scale = new float[width];
        for (int j = 0; j < width; j++) {
            double c;
            double s;
            if (kind == Kind.STANDARD) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += values[r * width + j];
                }
                c = sum / rows;
                double squares = 0;
                for (int r = 0; r < rows; r++) {
                    double d = values[r * width + j] - c;
                    squares += d * d;
                }
                s = Math.sqrt(squares / rows);
            } else {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int r = 0; r < rows; r++) {
                    min = Math.min(min, values[r * width + j]);
                    max = Math.max(max, values[r * width + j]);
                }
                c = min;
                s = max - min;
            }
            center[j] = (float) c;
            scale[j] = s < Float.MIN_NORMAL ? 1f : (float) s;
        }
        return new Scaler(kind, center, scale);
    }

    /**
     * How the scaler was fitted.
     *
     * @return its kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The number of columns it scales.
     *
     * @return the row width it expects
     */
    public int width() {
        return center.length;
    }

    /**
     * Per column, the value mapped to 0: the mean, or the minimum.
     *
     * @return a copy of the centers
     */
    public float[] center() {
        return center.clone();
    }

    /**
     * Per column, the divisor: the standard deviation, or the range; 1 for a column without
     * spread.
     *
     * @return a copy of the scales
     */
    public float[] scale() {
        return scale.clone();
    }

    /**
     * Per column, the factor of the transform, {@code 1 / scale} rounded to float: the
     * transform is {@code x · factor + offset}.
     *
     * @return a copy of the factors
     */
    public float[] factors() {
        return factor.clone();
    }

    /**
     * Per column, the offset of the transform, {@code −center / scale} rounded to float.
     *
     * @return a copy of the offsets
     */
    public float[] offsets() {
        return offset.clone();
    }

    /**
     * Scales one row.
     *
     * @param row raw values, {@link #width()} of them
     * @return a new row of scaled values
     * @throws IllegalArgumentException for a row of another width
     */
    public float[] transform(float[] row) {
        float[] scaled = checkedCopy(row, "transform");
        transformRows(scaled);
        return scaled;
    }

    /**
     * Scales rows.
     *
     * @param rows raw rows, each {@link #width()} wide
     * @return new rows of scaled values
     * @throws IllegalArgumentException for a row of another width, naming it
     */
    public float[][] transform(float[][] rows) {
        return eachRow(rows, this::transform);
    }

    /**
     * Maps one scaled row back to the original units.
     *
     * @param row scaled values, {@link #width()} of them
     * @return a new row in the original units
     * @throws IllegalArgumentException for a row of another width
     */
    public float[] inverse(float[] row) {
        float[] raw = checkedCopy(row, "inverse");
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw[i] * scale[i] + center[i];
        }
        return raw;
    }

    /**
     * Maps scaled rows back to the original units.
     *
     * @param rows scaled rows, each {@link #width()} wide
     * @return new rows in the original units
     * @throws IllegalArgumentException for a row of another width, naming it
     */
    public float[][] inverse(float[][] rows) {
        return eachRow(rows, this::inverse);
    }

    /** {@code operation} applied to each row, a refused row named by its index. */
    private static float[][] eachRow(float[][] rows, UnaryOperator<float[]> operation) {
        float[][] result = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            try {
                result[r] = operation.apply(rows[r]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + r + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    /**
     * Scales row-major rows in place. Modifies {@code values}.
     *
     * @param values rows of {@link #width()} values, row-major
     * @throws IllegalArgumentException when they are not whole rows
     */
    public void transformRows(float[] values) {
        if (values.length % center.length != 0) {
            throw new IllegalArgumentException(values.length + " values are not whole rows of "
                    + center.length);
        }
        int width = center.length;
        for (int i = 0; i < values.length; i++) {
            int j = i % width;
            values[i] = values[i] * factor[j] + offset[j];
        }
    }

    private float[] checkedCopy(float[] row, String what) {
        Objects.requireNonNull(row, what + ": row");
        if (row.length != center.length) {
            throw new IllegalArgumentException(what + ": a row of " + row.length + " values; "
                    + "this scaler has " + center.length + " columns");
        }
        return row.clone();
    }

    /**
     * Equal when of the same kind, centers and scales.
     *
     * @param other any object
     * @return whether {@code other} scales exactly as this one
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Scaler s && s.kind == kind && Arrays.equals(s.center, center)
                && Arrays.equals(s.scale, scale);
    }

    /**
     * A hash of the kind, centers and scales.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(center), Arrays.hashCode(scale));
    }

    /**
     * The kind and width, e.g. {@code standard scaler of 4 columns}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s scaler of %d column%s", kind.id, center.length,
                center.length == 1 ? "" : "s");
    }
}
