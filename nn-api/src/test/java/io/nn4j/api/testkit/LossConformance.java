package io.nn4j.api.testkit;

import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.reference.ReferenceActivations;
import io.nn4j.api.reference.ReferenceLosses;
import io.nn4j.api.reference.ReferenceOps;

/**
 * Conformance of {@link Backend#lossGradient} and {@link Backend#accumulateLoss} for every
 * {@link Loss}, on one-hot targets and outputs in the loss's domain: probabilities from the
 * fused activation when there is one, values in {@code (0, 1)} otherwise.
 */
public final class LossConformance {

    private LossConformance() {
    }

    /** The per-example gradient, written into a poisoned tensor. */
    public static void checkGradient(Backend backend, Loss loss, Shape shape) {
        String what = "lossGradient(" + loss.id() + ") " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] output = outputs(loss, shape, random);
        float[] target = targets(loss, shape, random);
        double[] expected = ReferenceLosses.gradient(loss, ReferenceOps.widen(output),
                ReferenceOps.widen(target), shape.rows(), shape.cols());
        try (Tensor to = backend.fromArray(output, shape);
             Tensor tt = backend.fromArray(target, targetShape(loss, shape));
             Tensor grad = RandomTensors.poisoned(backend, shape)) {
            backend.lossGradient(loss, to, tt, grad);
            KitAssertions.assertClose(what, expected, backend.toArray(grad), shape.cols(),
                    Tolerances.ELEMENTWISE);
        }
    }

    /**
     * The summed loss, added to an accumulator that already holds a value. When
     * {@code saturated}, the outputs are themselves one-hot (certain, and mostly wrong), so a
     * logarithm must go through {@link Loss#LOG_CLAMP} to stay finite.
     */
    public static void checkValue(Backend backend, Loss loss, Shape shape, boolean saturated) {
        String what = "accumulateLoss(" + loss.id() + ") " + shape
                + (saturated ? " one-hot outputs" : "");
        RandomTensors random = RandomTensors.forCase(what);
        float[] output = saturated ? random.oneHotRows(shape.rows(), shape.cols())
                : outputs(loss, shape, random);
        float[] target = targets(loss, shape, random);
        float start = random.uniform(1, 0.5, 2)[0];
        double expected = start;
        for (double example : ReferenceLosses.exampleLosses(loss, ReferenceOps.widen(output),
                ReferenceOps.widen(target), shape.rows(), shape.cols())) {
            expected += example;
        }
        try (Tensor to = backend.fromArray(output, shape);
             Tensor tt = backend.fromArray(target, targetShape(loss, shape));
             Tensor total = backend.fromArray(new float[] {start}, Shape.vector(1))) {
            backend.accumulateLoss(loss, to, tt, total);
            KitAssertions.assertClose(what + " (accumulator started at " + start + ")",
                    new double[] {expected}, backend.toArray(total), 1,
                    Tolerances.positiveSum(shape.size()));
        }
    }

    /**
     * Targets in the loss's layout: a class index per row for the sparse loss, independent
     * 0/1 labels for binary cross-entropy, one-hot rows otherwise.
     */
    static float[] targets(Loss loss, Shape shape, RandomTensors random) {
        return switch (loss) {
            case SPARSE_CATEGORICAL_CROSSENTROPY -> random.classIndices(shape.rows(), shape.cols());
            case BINARY_CROSSENTROPY -> random.bits(shape.size());
            default -> random.oneHotRows(shape.rows(), shape.cols());
        };
    }

    /** The shape of {@link #targets}. */
    static Shape targetShape(Loss loss, Shape output) {
        return Shape.matrix(output.rows(), loss.targetColumns(output.cols()));
    }

    /**
     * Outputs in the loss's domain: the fused activation of random pre-activations, else
     * values in {@code [0.05, 0.95)}.
     */
    static float[] outputs(Loss loss, Shape shape, RandomTensors random) {
        if (loss.fusedActivation() == null) {
            return random.uniform(shape.size(), 0.05, 0.95);
        }
        double[] z = ReferenceOps.widen(random.uniform(shape.size(), -3, 3));
        return ReferenceOps.narrow(ReferenceActivations.activate(loss.fusedActivation(), z,
                shape.rows(), shape.cols()));
    }
}
