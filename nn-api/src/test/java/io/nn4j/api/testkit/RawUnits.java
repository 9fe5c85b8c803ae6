package io.nn4j.api.testkit;

import io.nn4j.api.train.Dataset;
import java.util.Arrays;
import java.util.Random;

/**
 * A regression problem in raw units, for tests of models that carry scalers: two features on
 * very different scales, {@code x0 ~ N(50, 10)} and {@code x1 ~ N(-3, 0.5)}, and a target in
 * the thousands, {@code y = 1000 + 40 x0 - 500 x1 + 3 x0 x1}. Stateless.
 */
public final class RawUnits {
    private RawUnits() {
    }

    /** {@code rows} examples drawn from {@code seed}. */
    public static Dataset regression(long seed, int rows) {
        Random random = new Random(seed);
        float[][] x = new float[rows][2];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            x[i][0] = 50 + 10 * (float) random.nextGaussian();
            x[i][1] = -3 + 0.5f * (float) random.nextGaussian();
            y[i] = 1000 + 40 * x[i][0] - 500 * x[i][1] + 3 * x[i][0] * x[i][1];
        }
        return Dataset.ofTargets(x, y);
    }

    /** The feature rows of {@code data}, one array per example. */
    public static float[][] featureRows(Dataset data) {
        return rows(data, true);
    }

    /** The target rows of {@code data}, one array per example. */
    public static float[][] targetRows(Dataset data) {
        return rows(data, false);
    }

    private static float[][] rows(Dataset data, boolean features) {
        int width = features ? data.featureCount() : data.targetCount();
        float[] x = new float[data.size() * data.featureCount()];
        float[] y = new float[data.size() * data.targetCount()];
        int[] order = new int[data.size()];
        Arrays.setAll(order, i -> i);
        data.gather(order, 0, data.size(), x, y);
        float[][] rows = new float[data.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(features ? x : y, r * width, (r + 1) * width);
        }
        return rows;
    }
}
