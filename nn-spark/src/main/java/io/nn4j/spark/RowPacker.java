package io.nn4j.spark;

import io.nn4j.api.Loss;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Reads a DataFrame's features and label columns into {@link Example}s. The columns' types are
 * checked against the schema on the driver, before any Spark job ({@link #of}); each row's values
 * in the task, naming the column, the partition and the row.
 *
 * <p>Features: a Spark ML {@code Vector} or an {@code array<float>} / {@code array<double>}.
 * Label: a number (a class index, a 0/1 label or a value; a class index becomes a one-hot row
 * under categorical cross-entropy), or a vector or array of the loss's target width.
 *
 * <p>Threads: immutable; Spark runs it in many tasks at once.
 */
final class RowPacker implements Function2<Integer, Iterator<Row>, Iterator<Example>> {
    private static final long serialVersionUID = 1L;

    private enum Kind { VECTOR, FLOATS, DOUBLES, NUMBER }

    private final String featuresColumn;
    private final String labelColumn;
    private final int featuresIndex;
    private final int labelIndex;
    private final Kind featuresKind;
    private final Kind labelKind;
    private final int targetCount;
    private final boolean oneHot;

    private RowPacker(String featuresColumn, String labelColumn, int featuresIndex,
                      int labelIndex, Kind featuresKind, Kind labelKind, int targetCount,
                      boolean oneHot) {
        this.featuresColumn = featuresColumn;
        this.labelColumn = labelColumn;
        this.featuresIndex = featuresIndex;
        this.labelIndex = labelIndex;
        this.featuresKind = featuresKind;
        this.labelKind = labelKind;
        this.targetCount = targetCount;
        this.oneHot = oneHot;
    }

    /**
     * A packer for {@code schema}'s columns, checked for a loss of {@code targetCount} target
     * columns on a model of {@code outputs} outputs.
     *
     * @throws IllegalArgumentException naming a missing column (and the columns there are) or a
     *                                  column of the wrong type (and the types expected)
     */
    static RowPacker of(StructType schema, String featuresColumn, String labelColumn, Loss loss,
                        int outputs) {
        List<String> names = Arrays.asList(schema.fieldNames());
        int features = index(names, featuresColumn, "features");
        int label = index(names, labelColumn, "label");
        Kind featuresKind = kind(schema.fields()[features].dataType(), false);
        if (featuresKind == null) {
            throw new IllegalArgumentException("features column '" + featuresColumn + "' is "
                    + schema.fields()[features].dataType().simpleString() + "; expected a Spark"
                    + " ML vector (org.apache.spark.ml.linalg.Vector), array<float> or"
                    + " array<double>");
        }
        Kind labelKind = kind(schema.fields()[label].dataType(), true);
        if (labelKind == null) {
            throw new IllegalArgumentException("label column '" + labelColumn + "' is "
                    + schema.fields()[label].dataType().simpleString() + "; expected a number (a"
                    + " class index or a value), a Spark ML vector, array<float> or"
                    + " array<double>");
        }
        int targets = loss.targetColumns(outputs);
        boolean oneHot = labelKind == Kind.NUMBER && targets > 1;
        if (oneHot && loss != Loss.CATEGORICAL_CROSSENTROPY) {
            throw new IllegalArgumentException("label column '" + labelColumn + "' holds one "
                    + "number per row; loss " + loss.id() + " on " + outputs + " outputs takes "
                    + targets + " targets per row: expected a vector or array label");
        }
        return new RowPacker(featuresColumn, labelColumn, features, label, featuresKind,
                labelKind, targets, oneHot);
    }

    private static int index(List<String> names, String column, String role) {
        int index = names.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(role + " column '" + column + "' is not in the"
                    + " data; its columns are " + names);
        }
        return index;
    }

    private static Kind kind(DataType type, boolean numberAllowed) {
        if (type instanceof UserDefinedType<?> udt && Vector.class.isAssignableFrom(udt.userClass())) {
            return Kind.VECTOR;
        }
        if (type instanceof ArrayType array) {
            if (array.elementType().equals(DataTypes.FloatType)) {
                return Kind.FLOATS;
            }
            if (array.elementType().equals(DataTypes.DoubleType)) {
                return Kind.DOUBLES;
            }
            return null;
        }
        return numberAllowed && type instanceof NumericType ? Kind.NUMBER : null;
    }

    @Override
    public Iterator<Example> call(Integer partition, Iterator<Row> rows) {
        return new Iterator<>() {
            private int row;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Example next() {
                Row next = rows.next();
                Example example = new Example(values(next, featuresIndex, featuresKind,
                        featuresColumn, partition, row), targets(next, partition, row));
                row++;
                return example;
            }
        };
    }

    private float[] targets(Row row, int partition, int index) {
        float[] values = values(row, labelIndex, labelKind, labelColumn, partition, index);
        if (!oneHot) {
            return values;
        }
        float label = values[0];
        if (!(label >= 0 && label < targetCount && label == Math.rint(label))) {
            throw new IllegalArgumentException("label column '" + labelColumn + "', partition "
                    + partition + ", row " + index + ": " + label + "; expected a class index,"
                    + " an integer in [0, " + targetCount + ") for a model with " + targetCount
                    + " outputs");
        }
        float[] hot = new float[targetCount];
        hot[(int) label] = 1;
        return hot;
    }

    private static float[] values(Row row, int index, Kind kind, String column, int partition,
                                  int rowIndex) {
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException("column '" + column + "', partition " + partition
                    + ", row " + rowIndex + ": null; expected a value in every row");
        }
        return switch (kind) {
            case VECTOR -> toFloats(((Vector) row.get(index)).toArray());
            case DOUBLES -> {
                List<Double> list = row.getList(index);
                float[] values = new float[list.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = list.get(i).floatValue();
                }
                yield values;
            }
            case FLOATS -> {
                List<Float> list = row.getList(index);
                float[] values = new float[list.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = list.get(i);
                }
                yield values;
            }
            case NUMBER -> new float[] {((Number) row.get(index)).floatValue()};
        };
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
