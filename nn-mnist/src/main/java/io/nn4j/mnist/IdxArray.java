package io.nn4j.mnist;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The contents of an IDX file of unsigned bytes: its dimensions and its values, row-major.
 *
 * <p>Immutable once read: safe to share between threads.
 */
public final class IdxArray {
    private final Path file;
    private final int[] dimensions;
    private final byte[] values;

    /**
     * An array read from {@code file}. The dimensions are copied; {@code values} is kept as
     * given (it is large) and must hold the product of the dimensions.
     */
    IdxArray(Path file, int[] dimensions, byte[] values) {
        long product = 1;
        for (int d : dimensions) {
            product = d < 1 ? -1 : product * d;
        }
        if (dimensions.length == 0 || product != values.length) {
            throw new IllegalArgumentException(file + ": dimensions " + Arrays.toString(dimensions)
                    + " with " + values.length + " values; expected at least one dimension, each"
                    + " at least 1, whose product is the number of values");
        }
        this.file = file;
        this.dimensions = dimensions.clone();
        this.values = values;
    }

    /** Where the array was read from, for messages. */
    public Path file() {
        return file;
    }

    /** The sizes from the header, outermost first (e.g. {@code [60000, 28, 28]}). */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** Number of items: the first dimension. */
    public int count() {
        return dimensions[0];
    }

    /** Values per item: the product of every dimension but the first (1 for a vector). */
    public int itemSize() {
        return values.length / dimensions[0];
    }

    /**
     * The values, row-major, as the file holds them (unsigned bytes): the array itself, not a
     * copy, for a reader that keeps them as they are; not to be modified.
     */
    byte[] bytes() {
        return values;
    }

    /** Value {@code index} (row-major) as an unsigned number in {@code [0, 255]}. */
    public int unsigned(int index) {
        return values[index] & 0xff;
    }

    @Override
    public String toString() {
        return "IdxArray[" + file + ", " + Arrays.toString(dimensions) + "]";
    }
}
