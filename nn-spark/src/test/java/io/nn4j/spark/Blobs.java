package io.nn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small classification data for the tests: Gaussian blobs, one per class, from a seed. */
final class Blobs {
    static final int FEATURES = 6;
    static final int CLASSES = 3;

    private Blobs() {
    }

    /** {@code count} examples with class indices as targets. */
    static List<Example> examples(int count, long seed) {
        Random random = new Random(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = i % CLASSES;
            float[] x = new float[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                x[f] = (float) (random.nextGaussian() + (f % CLASSES == label ? 2 : 0));
            }
            examples.add(Example.of(x, label));
        }
        return examples;
    }

    /** The examples as one host data set, rows in the list's order. */
    static io.nn4j.api.train.Dataset dataset(List<Example> examples) {
        float[] x = new float[examples.size() * FEATURES];
        float[] y = new float[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(examples.get(i).features(), 0, x, i * FEATURES, FEATURES);
            y[i] = examples.get(i).targets()[0];
        }
        return new io.nn4j.api.train.Dataset(x, FEATURES, y, 1);
    }
}
