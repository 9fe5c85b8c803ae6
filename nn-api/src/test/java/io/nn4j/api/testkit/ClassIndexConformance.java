package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.reference.ReferenceActivations;
import io.nn4j.api.reference.ReferenceLosses;
import io.nn4j.api.reference.ReferenceOps;
import java.util.Arrays;

/**
 * What every backend does with a sparse target (a class index) that names no class of a row
 * of {@code k} outputs, whatever it holds: the row's loss is NaN, its gradient row is NaN, it
 * is never counted correct, and the other rows come out as usual. So nothing outside the row
 * is read or written for it: a write into another row shows there, and a read of another row
 * turns an expected NaN into a number. Static checks only, no state: safe from any thread.
 */
public final class ClassIndexConformance {
    private static final Loss SPARSE = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
    /** What the gradient tensor holds before the op, so an unwritten row is not taken for NaN. */
    private static final float SENTINEL = 12345f;

    private ClassIndexConformance() {
    }

    /** Indices that name no class of a row of {@code k}. */
    static float[] badIndices(int k) {
        return new float[] {-1, k, k + 1000, 1e9f, -1e9f, 2.5f, -0.5f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN};
    }

    /** The gradient: NaN across the rows of bad indices, the reference elsewhere. */
    public static void checkGradient(Backend backend, Shape shape) {
        String what = "lossGradient(" + SPARSE.id() + ") with bad class indices " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] output = probabilities(random, shape);
        float[] target = targets(random, shape);
        double[] expected = ReferenceLosses.gradient(SPARSE, ReferenceOps.widen(output),
                ReferenceOps.widen(target), shape.rows(), shape.cols());
        float[] sentinel = new float[shape.size()];
        Arrays.fill(sentinel, SENTINEL);
        try (Tensor to = backend.fromArray(output, shape);
             Tensor tt = backend.fromArray(target, Shape.matrix(shape.rows(), 1));
             Tensor grad = backend.fromArray(sentinel, shape)) {
            backend.lossGradient(SPARSE, to, tt, grad);
            float[] actual = backend.toArray(grad);
            for (int r = 0; r < shape.rows(); r++) {
                boolean bad = !ReferenceLosses.isClass(target[r], shape.cols());
                for (int j = r * shape.cols(); j < (r + 1) * shape.cols(); j++) {
                    if (bad && !Float.isNaN(actual[j])) {
                        fail(what + ": row " + r + " (class index " + target[r] + ") column "
                                + (j - r * shape.cols()) + " is " + actual[j] + "; expected NaN");
                    }
                }
            }
            KitAssertions.assertClose(what + " (rows of good indices)", expected, actual,
                    shape.cols(), Tolerances.ELEMENTWISE);
        }
    }

    /** The summed loss of a batch holding bad indices: NaN. */
    public static void checkValue(Backend backend, Shape shape) {
        String what = "accumulateLoss(" + SPARSE.id() + ") with bad class indices " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        try (Tensor to = backend.fromArray(probabilities(random, shape), shape);
             Tensor tt = backend.fromArray(targets(random, shape), Shape.matrix(shape.rows(), 1));
             Tensor total = backend.fromArray(new float[] {0.5f}, Shape.vector(1))) {
            backend.accumulateLoss(SPARSE, to, tt, total);
            float sum = backend.toArray(total)[0];
            if (!Float.isNaN(sum)) {
                fail(what + ": the total is " + sum + "; expected NaN");
            }
        }
    }

    /**
     * The correct-count, with each bad row's largest output at the column a cast of its index
     * clamped into the row would name, so a backend that casts and clamps counts it and fails.
     */
    public static void checkCorrect(Backend backend, Shape shape) {
        String what = "accumulateCorrect with bad class indices " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] output = random.uniform(shape.size(), -1, 1);
        float[] target = targets(random, shape);
        for (int r = 0; r < shape.rows(); r++) {
            if (!ReferenceLosses.isClass(target[r], shape.cols())) {
                int cast = Math.max(0, Math.min(shape.cols() - 1, (int) target[r]));
                output[r * shape.cols() + cast] = 2f;
            }
        }
        float start = 3f;
        double expected = start + ReferenceOps.correctCount(ReferenceOps.widen(output),
                ReferenceOps.widen(target), shape.rows(), shape.cols(), 1);
        try (Tensor to = backend.fromArray(output, shape);
             Tensor tt = backend.fromArray(target, Shape.matrix(shape.rows(), 1));
             Tensor count = backend.fromArray(new float[] {start}, Shape.vector(1))) {
            backend.accumulateCorrect(to, tt, count);
            KitAssertions.assertClose(what + " (count started at " + start + ")",
                    new double[] {expected}, backend.toArray(count), 1, Tolerances.EXACT);
        }
    }

    /**
     * Good class indices with every {@link #badIndices} value placed on rows spread over the
     * batch, the first and the last row among them.
     */
    private static float[] targets(RandomTensors random, Shape shape) {
        float[] target = random.classIndices(shape.rows(), shape.cols());
        float[] bad = badIndices(shape.cols());
        if (shape.rows() <= bad.length) {
            throw new IllegalArgumentException("need more than " + bad.length + " rows, got "
                    + shape);
        }
        for (int i = 0; i < bad.length; i++) {
            target[i * (shape.rows() - 1) / (bad.length - 1)] = bad[i];
        }
        return target;
    }

    private static float[] probabilities(RandomTensors random, Shape shape) {
        double[] z = ReferenceOps.widen(random.uniform(shape.size(), -3, 3));
        return ReferenceOps.narrow(ReferenceActivations.activate(Activation.SOFTMAX, z,
                shape.rows(), shape.cols()));
    }
}
