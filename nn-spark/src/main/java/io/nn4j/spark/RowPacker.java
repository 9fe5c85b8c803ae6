package io.nn4j.spark;

import io.nn4j.api.Loss;
import java.io.Serializable;
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

    /** A column read: its name, its index in the rows and how its values are stored. */
    private record Column(String name, int index, Kind kind) implements Serializable {
    }

    private final Column features;
    private final Column label;
    private final int targetCount;
    private final boolean oneHot;

    private RowPacker(Column features, Column label, int targetCount, boolean oneHot) {
        this.features = features;
        this.label = label;
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
        Column features = column(schema, featuresColumn, "features", false, "a Spark ML vector"
                + " (org.apache.spark.ml.linalg.Vector), array<float> or array<double>");
        Column label = column(schema, labelColumn, "label", true, "a number (a class index or a"
                + " value), a Spark ML vector, array<float> or array<double>");
        int targets = loss.targetColumns(outputs);
        boolean oneHot = label.kind() == Kind.NUMBER && targets > 1;
        if (oneHot && loss != Loss.CATEGORICAL_CROSSENTROPY) {
            throw new IllegalArgumentException("label column '" + labelColumn + "' holds one "
                    + "number per row; loss " + loss.id() + " on " + outputs + " outputs takes "
                    + targets + " targets per row: expected a vector or array label");
        }
        return new RowPacker(features, label, targets, oneHot);
    }

    /**
     * Column {@code name} of {@code schema}, the {@code role} (features or label) it plays.
     *
     * @throws IllegalArgumentException if it is missing or its type is not one of
     *                                  {@code expected}
     */
    private static Column column(StructType schema, String name, String role,
                                 boolean numberAllowed, String expected) {
        List<String> names = Arrays.asList(schema.fieldNames());
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(role + " column '" + name + "' is not in the"
                    + " data; its columns are " + names);
        }
        DataType type = schema.fields()[index].dataType();
        Kind kind = kind(type, numberAllowed);
        if (kind == null) {
            throw new IllegalArgumentException(role + " column '" + name + "' is "
                    + type.simpleString() + "; expected " + expected);
        }
        return new Column(name, index, kind);
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
                Example example = new Example(values(next, features, partition, row),
                        targets(next, partition, row));
                row++;
                return example;
            }
        };
    }

    private float[] targets(Row row, int partition, int index) {
        float[] values = values(row, label, partition, index);
        if (!oneHot) {
            return values;
        }
        float value = values[0];
        if (!(value >= 0 && value < targetCount && value == Math.rint(value))) {
            throw new IllegalArgumentException("label column '" + label.name() + "', partition "
                    + partition + ", row " + index + ": " + value + "; expected a class index,"
                    + " an integer in [0, " + targetCount + ") for a model with " + targetCount
                    + " outputs");
        }
        float[] hot = new float[targetCount];
        hot[(int) value] = 1;
        return hot;
    }

    private static float[] values(Row row, Column column, int partition, int rowIndex) {
        int index = column.index();
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException("column '" + column.name() + "', partition "
                    + partition + ", row " + rowIndex + ": null; expected a value in every row");
        }
        return switch (column.kind()) {
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
