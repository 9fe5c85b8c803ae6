package io.nn4j.api.testkit;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.reference.ReferenceOps;

/**
 * Conformance of {@link Backend#argmaxRows} and {@link Backend#accumulateCorrect}: exact results
 * on random rows, and the first column winning on ties.
 */
public final class MetricConformance {
    /** Rows with ties: the expected argmax of each is its first largest column. */
    private static final float[][] TIES = {
            {1, 3, 3, 0, 2}, {2, 2, 2, 2, 2}, {-1, -5, -1, -1, -9},
            {-0f, 0f, -3, 0f, -1}, {5, 1, 5, 1, 5}, {0, 7, 0, 7, 7}};

    private MetricConformance() {
    }

    /** Row-wise argmax of random values into a poisoned index vector. */
    public static void checkArgmax(Backend backend, Shape shape) {
        String what = "argmaxRows " + shape;
        float[] m = RandomTensors.forCase(what).uniform(shape.size(), -1, 1);
        argmax(backend, what, m, shape);
    }

    /** Row-wise argmax of rows whose maximum appears more than once. */
    public static void checkArgmaxTies(Backend backend) {
        argmax(backend, "argmaxRows with ties", flatten(TIES), Shape.matrix(TIES.length, 5));
    }

    /**
     * Correct-count of random outputs against random one-hot targets, added to an accumulator
     * that already holds a count.
     */
    public static void checkCorrect(Backend backend, Shape shape) {
        String what = "accumulateCorrect " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] output = random.uniform(shape.size(), -1, 1);
        correct(backend, what, output, random.oneHotRows(shape.rows(), shape.cols()), shape,
                shape, random.index(100));
    }

    /** Correct-count of random outputs against class indices (sparse targets {@code [m, 1]}). */
    public static void checkCorrectClassIndices(Backend backend, Shape shape) {
        String what = "accumulateCorrect with class indices " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        correct(backend, what, random.uniform(shape.size(), -1, 1),
                random.classIndices(shape.rows(), shape.cols()), shape, Shape.matrix(shape.rows(), 1),
                random.index(100));
    }

    /**
     * Correct-count of single probabilities against 0/1 targets (a binary decision at 0.5),
     * with outputs exactly at the threshold counted as positive.
     */
    public static void checkCorrectBinary(Backend backend, int rows) {
        String what = "accumulateCorrect binary [" + rows + ", 1]";
        RandomTensors random = RandomTensors.forCase(what);
        float[] output = random.uniform(rows, 0, 1);
        output[0] = 0.5f;
        Shape shape = Shape.matrix(rows, 1);
        correct(backend, what, output, random.bits(rows), shape, shape, random.index(100));
    }

    /**
     * Correct-count of the tie rows above against targets hot at each row's first maximum, so
     * a backend that lets a later tie win undercounts.
     */
    public static void checkCorrectTies(Backend backend) {
        Shape shape = Shape.matrix(TIES.length, 5);
        float[] output = flatten(TIES);
        double[] firsts = ReferenceOps.argmaxRows(ReferenceOps.widen(output), shape.rows(),
                shape.cols());
        float[] target = new float[output.length];
        for (int r = 0; r < firsts.length; r++) {
            target[r * shape.cols() + (int) firsts[r]] = 1f;
        }
        correct(backend, "accumulateCorrect with ties", output, target, shape, shape, 3);
    }

    private static void correct(Backend backend, String what, float[] output, float[] target,
                                Shape shape, Shape targetShape, float start) {
        double expected = start + ReferenceOps.correctCount(ReferenceOps.widen(output),
                ReferenceOps.widen(target), shape.rows(), shape.cols(), targetShape.cols());
        try (Tensor to = backend.fromArray(output, shape);
             Tensor tt = backend.fromArray(target, targetShape);
             Tensor count = backend.fromArray(new float[] {start}, Shape.vector(1))) {
            backend.accumulateCorrect(to, tt, count);
            KitAssertions.assertClose(what + " (count started at " + start + ")",
                    new double[] {expected}, backend.toArray(count), 1, Tolerances.EXACT);
        }
    }

    private static void argmax(Backend backend, String what, float[] m, Shape shape) {
        double[] expected = ReferenceOps.argmaxRows(ReferenceOps.widen(m), shape.rows(),
                shape.cols());
        try (Tensor tm = backend.fromArray(m, shape);
             Tensor indices = RandomTensors.poisoned(backend, Shape.vector(shape.rows()))) {
            backend.argmaxRows(tm, indices);
            KitAssertions.assertClose(what, expected, backend.toArray(indices), shape.rows(),
                    Tolerances.EXACT);
        }
    }

    private static float[] flatten(float[][] rows) {
        int cols = rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return flat;
    }
}
