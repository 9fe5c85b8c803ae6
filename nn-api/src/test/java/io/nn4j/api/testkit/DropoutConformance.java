package io.nn4j.api.testkit;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.reference.ReferenceOps;
import org.junit.jupiter.api.Assertions;

/**
 * Conformance of {@link Backend#dropout} (the mask, bit for bit as
 * {@link io.nn4j.api.spi.DropoutMask} defines it, and {@code y = x ∘ mask}) and of
 * {@link Backend#multiply}, which carries the gradient back through the mask.
 */
public final class DropoutConformance {

    private DropoutConformance() {
    }

    /** The mask and output for one rate and seed, both poisoned first. */
    public static void checkDropout(Backend backend, Shape shape, float rate, long seed) {
        String what = "dropout(rate=" + rate + ", seed=" + seed + ") " + shape;
        float[] x = RandomTensors.forCase(what).uniform(shape.size(), -1, 1);
        double[] mask = ReferenceOps.dropoutMask(seed, rate, shape.size());
        double[] y = new double[mask.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * mask[i];
        }
        try (Tensor tx = backend.fromArray(x, shape);
             Tensor tm = RandomTensors.poisoned(backend, shape);
             Tensor ty = RandomTensors.poisoned(backend, shape)) {
            backend.dropout(rate, seed, tx, tm, ty);
            float[] actualMask = backend.toArray(tm);
            for (int i = 0; i < mask.length; i++) {
                boolean kept = mask[i] != 0;
                if (kept != (actualMask[i] != 0) || !(Math.abs(actualMask[i] - mask[i]) <= 1e-6 * mask[i])) {
                    Assertions.fail(what + ": mask element " + i + " is " + actualMask[i]
                            + "; expected " + mask[i]);
                }
            }
            KitAssertions.assertClose(what + ": y", y, backend.toArray(ty), shape.cols(),
                    Tolerances.ELEMENTWISE);
        }
    }

    /** {@code out = a ∘ b} into a poisoned tensor and in place. */
    public static void checkMultiply(Backend backend, Shape shape) {
        String what = "multiply " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] a = random.uniform(shape.size(), -2, 2);
        float[] b = random.uniform(shape.size(), -2, 2);
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = (double) a[i] * b[i];
        }
        try (Tensor ta = backend.fromArray(a, shape);
             Tensor tb = backend.fromArray(b, shape);
             Tensor out = RandomTensors.poisoned(backend, shape)) {
            backend.multiply(ta, tb, out);
            KitAssertions.assertClose(what, expected, backend.toArray(out), shape.cols(),
                    Tolerances.ELEMENTWISE);
            backend.multiply(ta, tb, ta);
            KitAssertions.assertClose(what + " in place", expected, backend.toArray(ta),
                    shape.cols(), Tolerances.ELEMENTWISE);
        }
    }
}
