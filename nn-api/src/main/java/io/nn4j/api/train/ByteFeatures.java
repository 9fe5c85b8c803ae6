package io.nn4j.api.train;

/**
 * Features held as unsigned bytes, such as image pixels: the value at index {@code i} is the
 * float32 quotient {@code (values[i] & 0xFF) / divisor}, computed the same way wherever it is
 * read, so a batch staged from the bytes equals one staged from the converted floats bit for
 * bit. A quarter of the memory of the floats.
 *
 * <p>Immutable in use: safe to share between threads. The array is kept, not copied.
 *
 * @param values  the bytes, row-major
 * @param divisor what every byte is divided by, finite and positive
 */
record ByteFeatures(byte[] values, float divisor) {

    ByteFeatures {
        if (!(divisor > 0) || Float.isInfinite(divisor)) {
            throw new IllegalArgumentException("the divisor of byte features must be a positive"
                    + " finite number, got " + divisor);
        }
    }

    /** The value at {@code index}. */
    float at(int index) {
        return (values[index] & 0xFF) / divisor;
    }

    /** Writes the {@code count} values from {@code from} into {@code dst} from {@code offset}. */
    void copy(int from, int count, float[] dst, int offset) {
        for (int i = 0; i < count; i++) {
            dst[offset + i] = (values[from + i] & 0xFF) / divisor;
        }
    }

    /** The float of every byte value: {@code palette[b] = b / divisor}, as {@link #at} has it. */
    float[] palette() {
        float[] palette = new float[256];
        for (int b = 0; b < palette.length; b++) {
            palette[b] = b / divisor;
        }
        return palette;
    }

    /** Every value as a float, in a new array. */
    float[] toFloats() {
        float[] floats = new float[values.length];
        copy(0, values.length, floats, 0);
        return floats;
    }
}
