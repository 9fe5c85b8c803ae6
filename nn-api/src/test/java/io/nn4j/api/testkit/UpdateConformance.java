package io.nn4j.api.testkit;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.reference.ReferenceOps;

/**
 * Conformance of the fused optimizer updates: each modifies its parameter (and state) in place
 * and must leave the gradient as it was.
 */
public final class UpdateConformance {

    private UpdateConformance() {
    }

    /** Plain and weight-decayed gradient descent on random parameters and gradients. */
    public static void checkSgd(Backend backend, Shape shape, float learningRate,
                                float weightDecay) {
        String what = "sgdUpdate(lr=" + learningRate + ", wd=" + weightDecay + ") " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] param = random.uniform(shape.size(), -1, 1);
        float[] grad = random.uniform(shape.size(), -1, 1);
        double[] expected = ReferenceOps.sgdUpdate(ReferenceOps.widen(param),
                ReferenceOps.widen(grad), learningRate, weightDecay);
        try (Tensor tp = backend.fromArray(param, shape);
             Tensor tg = backend.fromArray(grad, shape)) {
            backend.sgdUpdate(tp, tg, learningRate, weightDecay);
            KitAssertions.assertClose(what, expected, backend.toArray(tp), shape.cols(),
                    Tolerances.ELEMENTWISE);
            assertUnchanged(backend, what, grad, tg, shape);
        }
    }

    /** Three momentum steps from a non-zero velocity, classical or Nesterov. */
    public static void checkMomentum(Backend backend, Shape shape, boolean nesterov,
                                     float weightDecay) {
        String what = "momentumUpdate(nesterov=" + nesterov + ", wd=" + weightDecay + ") " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] param = random.uniform(shape.size(), -1, 1);
        float[] velocity = random.uniform(shape.size(), -0.1, 0.1);
        try (Tensor tp = backend.fromArray(param, shape);
             Tensor tv = backend.fromArray(velocity, shape)) {
            for (int step = 0; step < 3; step++) {
                float[] grad = random.uniform(shape.size(), -1, 1);
                double[][] expected = ReferenceOps.momentumUpdate(ReferenceOps.widen(param),
                        ReferenceOps.widen(grad), ReferenceOps.widen(velocity), 0.05f, 0.9f,
                        nesterov, weightDecay);
                try (Tensor tg = backend.fromArray(grad, shape)) {
                    backend.momentumUpdate(tp, tg, tv, 0.05f, 0.9f, nesterov, weightDecay);
                    assertUnchanged(backend, what, grad, tg, shape);
                }
                param = backend.toArray(tp);
                velocity = backend.toArray(tv);
                KitAssertions.assertClose(what + " step " + step + ": param", expected[0], param,
                        shape.cols(), Tolerances.ELEMENTWISE);
                KitAssertions.assertClose(what + " step " + step + ": velocity", expected[1],
                        velocity, shape.cols(), Tolerances.ELEMENTWISE);
            }
        }
    }

    /**
     * Adam's first steps (where the bias corrections matter most) and a late one, from zero
     * moments, with and without weight decay.
     */
    public static void checkAdam(Backend backend, Shape shape, float weightDecay) {
        String what = "adamUpdate(wd=" + weightDecay + ") " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] param = random.uniform(shape.size(), -1, 1);
        float[] m = new float[shape.size()];
        float[] v = new float[shape.size()];
        try (Tensor tp = backend.fromArray(param, shape);
             Tensor tm = backend.zeros(shape);
             Tensor tv = backend.zeros(shape)) {
            for (int t : new int[] {1, 2, 3, 1000}) {
                float[] grad = random.uniform(shape.size(), -1, 1);
                // the float arguments the backend gets, widened: 0.999f is not 0.999
                double[][] expected = ReferenceOps.adamUpdate(ReferenceOps.widen(param),
                        ReferenceOps.widen(grad), ReferenceOps.widen(m), ReferenceOps.widen(v),
                        1e-3f, 0.9f, 0.999f, 1e-8f, weightDecay, t);
                try (Tensor tg = backend.fromArray(grad, shape)) {
                    backend.adamUpdate(tp, tg, tm, tv, 1e-3f, 0.9f, 0.999f, 1e-8f, weightDecay, t);
                    assertUnchanged(backend, what, grad, tg, shape);
                }
                param = backend.toArray(tp);
                m = backend.toArray(tm);
                v = backend.toArray(tv);
                KitAssertions.assertClose(what + " t=" + t + ": param", expected[0], param,
                        shape.cols(), Tolerances.ELEMENTWISE);
                KitAssertions.assertClose(what + " t=" + t + ": m", expected[1], m, shape.cols(),
                        Tolerances.ELEMENTWISE);
                KitAssertions.assertClose(what + " t=" + t + ": v", expected[2], v, shape.cols(),
                        Tolerances.ELEMENTWISE);
            }
        }
    }

    private static void assertUnchanged(Backend backend, String what, float[] grad, Tensor tg,
                                        Shape shape) {
        KitAssertions.assertClose(what + ": gradient", grad, backend.toArray(tg), shape.cols(),
                Tolerances.EXACT);
    }
}
