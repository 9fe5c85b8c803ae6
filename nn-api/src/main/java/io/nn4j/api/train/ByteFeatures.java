package io.nn4j.api.train;

/**
 * Features held as unsigned bytes, such as image pixels: the value at index {@code i} is the
 * float32 quotient {@code (values[i] & 0xFF) / divisor}, computed the same way wherever it is
 * read, so a batch staged from the bytes equals one staged from the converted floats bit for
 * bit. A quarter of the memory of the floats. The 256 quotients are computed once
 * ({@link #palette()}) and looked up, which stages a batch faster than dividing every value.
 *
 * <p>Immutable in use: safe to share between threads. The array is kept, not copied.
 */
final class ByteFeatures {
    private final byte[] values;
    private final float divisor;
    private final float[] palette = new float[256];

    /**
     * Features {@code values} (row-major), each divided by {@code divisor}.
     *
     * @throws IllegalArgumentException when {@code divisor} is not finite and positive
     */
    ByteFeatures(byte[] values, float divisor) {
        if (!(divisor > 0) || Float.isInfinite(divisor)) {
            throw new IllegalArgumentException("the divisor of byte features must be a positive"
                    + " finite number, got " + divisor);
        }
        this.values = values;
        this.divisor = divisor;
        for (int b = 0; b < palette.length; b++) {
            palette[b] = b / divisor;
        }
    }

    /** The bytes, row-major. */
    byte[] values() {
        return values;
    }

    /** What every byte is divided by. */
    float divisor() {
        return divisor;
    }

    /** Writes the {@code count} values from {@code from} into {@code dst} from {@code offset}. */
    void copy(int from, int count, float[] dst, int offset) {
        for (int i = 0; i < count; i++) {
            dst[offset + i] = palette[values[from + i] & 0xFF];
        }
    }

    /** The float of every byte value, {@code b / divisor}, in a new array. */
    float[] palette() {
        return palette.clone();
    }

    /** Every value as a float, in a new array. */
    float[] toFloats() {
        float[] floats = new float[values.length];
        copy(0, values.length, floats, 0);
        return floats;
    }
}
