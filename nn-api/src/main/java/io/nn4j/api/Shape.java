package io.nn4j.api;

import java.util.Arrays;

/**
 * The shape of a tensor: a vector {@code [n]} or a row-major matrix {@code [rows, cols]}.
 *
 * <p>A vector behaves as a matrix of one row wherever an op reads it as a matrix. Every
 * dimension is at least 1.
 *
 * <p>Immutable: safe to share between threads.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int... dims) {
        this.dims = dims;
    }

    /**
     * A vector of {@code length} elements.
     *
     * @param length the number of elements, at least 1
     * @return the shape {@code [length]}
     * @throws IllegalArgumentException when {@code length < 1}
     */
    public static Shape vector(int length) {
        checkDimension("length", length);
        return new Shape(length);
    }

    /**
     * A row-major matrix of {@code rows × cols} elements.
     *
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1
     * @return the shape {@code [rows, cols]}
     * @throws IllegalArgumentException when a dimension is below 1 or the size overflows an int
     */
    public static Shape matrix(int rows, int cols) {
        checkDimension("rows", rows);
        checkDimension("cols", cols);
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "shape [" + rows + ", " + cols + "] has more than " + Integer.MAX_VALUE + " elements");
        }
        return new Shape(rows, cols);
    }

    private static void checkDimension(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /**
     * Number of dimensions: 1 for a vector, 2 for a matrix.
     *
     * @return 1 or 2
     */
    public int rank() {
        return dims.length;
    }

    /**
     * Rows when read as a matrix: 1 for a vector.
     *
     * @return the number of rows, at least 1
     */
    public int rows() {
        return dims.length == 1 ? 1 : dims[0];
    }

    /**
     * Columns when read as a matrix: the length for a vector.
     *
     * @return the number of columns, at least 1
     */
    public int cols() {
        return dims[dims.length - 1];
    }

    /**
     * Total number of elements.
     *
     * @return {@code rows() × cols()}
     */
    public int size() {
        return rows() * cols();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape shape && Arrays.equals(dims, shape.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** The shape as {@code [rows, cols]} or {@code [n]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
