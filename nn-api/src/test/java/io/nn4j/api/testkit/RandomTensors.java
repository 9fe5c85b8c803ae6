package io.nn4j.api.testkit;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded random inputs for the kit, and NaN-poisoned outputs. Every case draws from its own
 * seed, derived from the case's name, so a failure repeats exactly and no case depends on the
 * order in which the others ran.
 */
public final class RandomTensors {
    private final Random random;

    /** Inputs drawn from {@code seed}. */
    public RandomTensors(long seed) {
        this.random = new Random(seed);
    }

    /** Inputs for the case called {@code name}: the seed is the name's (stable) hash. */
    public static RandomTensors forCase(String name) {
        return new RandomTensors(0x9E3779B97F4A7C15L ^ name.hashCode());
    }

    /** {@code n} values drawn uniformly from {@code [low, high)}. */
    public float[] uniform(int n, double low, double high) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return values;
    }

    /** {@code rows} one-hot rows of {@code cols} columns, the hot column drawn uniformly. */
    public float[] oneHotRows(int rows, int cols) {
        float[] values = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            values[r * cols + random.nextInt(cols)] = 1f;
        }
        return values;
    }

    /** {@code rows} class indices in {@code [0, classes)}, as floats (sparse targets). */
    public float[] classIndices(int rows, int classes) {
        float[] values = new float[rows];
        for (int r = 0; r < rows; r++) {
            values[r] = random.nextInt(classes);
        }
        return values;
    }

    /** {@code n} independent fair 0/1 labels (binary targets). */
    public float[] bits(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextBoolean() ? 1f : 0f;
        }
        return values;
    }

    /** A uniformly drawn index in {@code [0, bound)}. */
    public int index(int bound) {
        return random.nextInt(bound);
    }

    /** {@code n} NaNs: the poison put in an output before an op, so a skipped element shows. */
    public static float[] poison(int n) {
        float[] values = new float[n];
        Arrays.fill(values, Float.NaN);
        return values;
    }

    /** A new tensor on {@code backend} filled with NaN poison. The caller closes it. */
    public static Tensor poisoned(Backend backend, Shape shape) {
        return backend.fromArray(poison(shape.size()), shape);
    }
}
