package io.nn4j.api.testkit;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;

/**
 * Conformance of the fused optimizer updates: each modifies its parameter (and state) in place
 * and must leave the gradient as it was.
 */
public final class UpdateConformance {

    private UpdateConformance() {
    }

    /** {@code param −= learningRate · grad} on random parameters and gradients. */
    public static void checkSgd(Backend backend, Shape shape, float learningRate) {
        String what = "sgdUpdate(lr=" + learningRate + ") " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] param = random.uniform(shape.size(), -1, 1);
        float[] grad = random.uniform(shape.size(), -1, 1);
        double[] expected = ReferenceOps.sgdUpdate(param, grad, learningRate);
        try (Tensor tp = backend.fromArray(param, shape);
             Tensor tg = backend.fromArray(grad, shape)) {
            backend.sgdUpdate(tp, tg, learningRate);
            KitAssertions.assertClose(what, expected, backend.toArray(tp), shape.cols(),
                    Tolerances.ELEMENTWISE);
            KitAssertions.assertClose(what + ": gradient", grad, backend.toArray(tg),
                    shape.cols(), Tolerances.EXACT);
        }
    }
}
