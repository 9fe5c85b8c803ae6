package io.nn4j.bench;

import java.util.Random;

/** Seeded host data for the benchmark inputs, so every run and backend sees the same numbers. */
final class RandomArrays {
    /** The seed every suite draws its inputs from. */
    static final long SEED = 42;

    private RandomArrays() {
    }

    /** {@code n} floats drawn uniformly from {@code [-1, 1)}. */
    static float[] uniform(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }

    /** {@code rows} one-hot rows of {@code classes} columns, each class drawn uniformly. */
    static float[] oneHot(Random random, int rows, int classes) {
        float[] values = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            values[r * classes + random.nextInt(classes)] = 1f;
        }
        return values;
    }
}
