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
        Case c = new Case(backend, shape,
                "sgdUpdate(lr=" + learningRate + ", wd=" + weightDecay + ") " + shape);
        float[] param = c.uniform(1);
        float[] grad = c.uniform(1);
        double[] expected = ReferenceOps.sgdUpdate(ReferenceOps.widen(param),
                ReferenceOps.widen(grad), learningRate, weightDecay);
        try (Tensor tp = backend.fromArray(param, shape);
             Tensor tg = backend.fromArray(grad, shape)) {
            backend.sgdUpdate(tp, tg, learningRate, weightDecay);
            c.assertUpdated("", expected, backend.toArray(tp));
            c.assertUnchanged(grad, tg);
        }
    }

    /** Three momentum steps from a non-zero velocity, classical or Nesterov. */
    public static void checkMomentum(Backend backend, Shape shape, boolean nesterov,
                                     float weightDecay) {
        Case c = new Case(backend, shape,
                "momentumUpdate(nesterov=" + nesterov + ", wd=" + weightDecay + ") " + shape);
        float[] param = c.uniform(1);
        float[] velocity = c.uniform(0.1);
        try (Tensor tp = backend.fromArray(param, shape);
             Tensor tv = backend.fromArray(velocity, shape)) {
            for (int step = 0; step < 3; step++) {
                float[] grad = c.uniform(1);
                double[][] expected = ReferenceOps.momentumUpdate(ReferenceOps.widen(param),
                        ReferenceOps.widen(grad), ReferenceOps.widen(velocity), 0.05f, 0.9f,
                        nesterov, weightDecay);
                try (Tensor tg = backend.fromArray(grad, shape)) {
                    backend.momentumUpdate(tp, tg, tv, 0.05f, 0.9f, nesterov, weightDecay);
                    c.assertUnchanged(grad, tg);
                }
                param = backend.toArray(tp);
                velocity = backend.toArray(tv);
                c.assertUpdated(" step " + step + ": param", expected[0], param);
                c.assertUpdated(" step " + step + ": velocity", expected[1], velocity);
            }
        }
    }

    /**
     * Adam's first steps (where the bias corrections matter most) and a late one, from zero
     * moments, with and without weight decay.
     */
    public static void checkAdam(Backend backend, Shape shape, float weightDecay) {
        Case c = new Case(backend, shape, "adamUpdate(wd=" + weightDecay + ") " + shape);
        float[] param = c.uniform(1);
        float[] m = new float[shape.size()];
        float[] v = new float[shape.size()];
        try (Tensor tp = backend.fromArray(param, shape);
             Tensor tm = backend.zeros(shape);
             Tensor tv = backend.zeros(shape)) {
            for (int t : new int[] {1, 2, 3, 1000}) {
                float[] grad = c.uniform(1);
                // the float arguments the backend gets, widened: 0.999f is not 0.999
                double[][] expected = ReferenceOps.adamUpdate(ReferenceOps.widen(param),
                        ReferenceOps.widen(grad), ReferenceOps.widen(m), ReferenceOps.widen(v),
                        1e-3f, 0.9f, 0.999f, 1e-8f, weightDecay, t);
                try (Tensor tg = backend.fromArray(grad, shape)) {
                    backend.adamUpdate(tp, tg, tm, tv, 1e-3f, 0.9f, 0.999f, 1e-8f, weightDecay, t);
                    c.assertUnchanged(grad, tg);
                }
                param = backend.toArray(tp);
                m = backend.toArray(tm);
                v = backend.toArray(tv);
                c.assertUpdated(" t=" + t + ": param", expected[0], param);
                c.assertUpdated(" t=" + t + ": m", expected[1], m);
                c.assertUpdated(" t=" + t + ": v", expected[2], v);
            }
        }
    }

    /**
     * One case of an update: the backend and shape it runs on, its name, and the random draws
     * its name seeds.
     */
    private record Case(Backend backend, Shape shape, String what, RandomTensors random) {

        Case(Backend backend, Shape shape, String what) {
            this(backend, shape, what, RandomTensors.forCase(what));
        }

        /** One value per element, drawn uniformly from {@code [-bound, bound)}. */
        float[] uniform(double bound) {
            return random.uniform(shape.size(), -bound, bound);
        }

        /** Asserts the values of an updated tensor, {@code part} naming it after the case. */
        void assertUpdated(String part, double[] expected, float[] actual) {
            KitAssertions.assertClose(what + part, expected, actual, shape.cols(),
                    Tolerances.ELEMENTWISE);
        }

        /** Asserts the update left the gradient {@code tg} holding {@code grad}. */
        void assertUnchanged(float[] grad, Tensor tg) {
            KitAssertions.assertClose(what + ": gradient", grad, backend.toArray(tg),
                    shape.cols(), Tolerances.EXACT);
        }
    }
}
