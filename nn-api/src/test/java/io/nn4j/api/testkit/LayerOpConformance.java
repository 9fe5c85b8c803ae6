package io.nn4j.api.testkit;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.reference.ReferenceActivations;
import io.nn4j.api.reference.ReferenceOps;

/**
 * Conformance of the layer ops: {@link Backend#biasActivation} (bias add and every activation
 * forward), {@link Backend#activationBackward} (every activation, including softmax's row
 * Jacobian) and {@link Backend#columnSums} (the bias gradient).
 */
public final class LayerOpConformance {
    /** Pre-activations are drawn from {@code ±SPREAD}: past the bend of sigmoid and tanh. */
    private static final double SPREAD = 4;
    /** Pre-activations for the saturation check: far past where a naive {@code exp} overflows. */
    private static final double LARGE = 200;

    private LayerOpConformance() {
    }

    /**
     * {@code Z += bias; A = f(Z)} on random {@code Z} and bias, {@code A} poisoned. Checks both
     * the updated {@code Z} and {@code A}.
     */
    public static void checkForward(Backend backend, Activation f, Shape shape) {
        forward(backend, f, shape, SPREAD, "biasActivation(" + f.id() + ") " + shape);
    }

    /**
     * The forward op on pre-activations up to {@code ±200}: outputs must stay finite and
     * accurate (softmax must subtract the row maximum, sigmoid must not overflow).
     */
    public static void checkLargeInputs(Backend backend, Activation f) {
        Shape shape = Shape.matrix(17, 10);
        forward(backend, f, shape, LARGE, "biasActivation(" + f.id() + ") |z| <= " + LARGE);
    }

    /**
     * {@code dZ = dA ∘ f'(Z)} on random {@code Z}, {@code A = f(Z)} and {@code dA}; {@code dZ}
     * is poisoned, or is {@code dA} itself when {@code inPlace} (which the op allows).
     */
    public static void checkBackward(Backend backend, Activation f, Shape shape, boolean inPlace) {
        String what = "activationBackward(" + f.id() + ") " + shape + (inPlace ? " dZ=dA" : "");
        RandomTensors random = RandomTensors.forCase(what);
        int rows = shape.rows();
        int cols = shape.cols();
        float[] z = random.uniform(shape.size(), -SPREAD, SPREAD);
        float[] a = ReferenceOps.narrow(
                ReferenceActivations.activate(f, ReferenceOps.widen(z), rows, cols));
        float[] dA = random.uniform(shape.size(), -1, 1);
        double[] expected = ReferenceActivations.backward(f, ReferenceOps.widen(z),
                ReferenceOps.widen(dA), rows, cols);
        try (Tensor tz = backend.fromArray(z, shape);
             Tensor ta = backend.fromArray(a, shape);
             Tensor tdA = backend.fromArray(dA, shape);
             Tensor poisoned = RandomTensors.poisoned(backend, shape)) {
            Tensor tdZ = inPlace ? tdA : poisoned;
            backend.activationBackward(f, tz, ta, tdA, tdZ);
            KitAssertions.assertClose(what, expected, backend.toArray(tdZ), cols,
                    Tolerances.ELEMENTWISE);
        }
    }

    /**
     * {@code out = alpha · column sums of m + beta · out}: with {@code beta = 0} on a poisoned
     * {@code out} (the NaN must not come through), else on random values.
     */
    public static void checkColumnSums(Backend backend, Shape shape, float alpha, float beta) {
        String what = "columnSums(alpha=" + alpha + ", beta=" + beta + ") " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        float[] m = random.uniform(shape.size(), -1, 1);
        float[] old = random.uniform(shape.cols(), -1, 1);
        double[] expected = ReferenceOps.columnSums(alpha, ReferenceOps.widen(m), shape.rows(),
                shape.cols(), beta, ReferenceOps.widen(old));
        Shape outShape = Shape.vector(shape.cols());
        try (Tensor tm = backend.fromArray(m, shape);
             Tensor out = beta == 0f ? RandomTensors.poisoned(backend, outShape)
                     : backend.fromArray(old, outShape)) {
            backend.columnSums(alpha, tm, beta, out);
            KitAssertions.assertClose(what, expected, backend.toArray(out), shape.cols(),
                    Tolerances.dotProduct(shape.rows()));
        }
    }

    private static void forward(Backend backend, Activation f, Shape shape, double spread,
                                String what) {
        RandomTensors random = RandomTensors.forCase(what);
        int rows = shape.rows();
        int cols = shape.cols();
        float[] z = random.uniform(shape.size(), -spread, spread);
        float[] bias = random.uniform(cols, -1, 1);
        float[] zPlusBias = ReferenceOps.narrow(ReferenceOps.addBias(ReferenceOps.widen(z),
                ReferenceOps.widen(bias), rows, cols));
        double[] expected = ReferenceActivations.activate(f, ReferenceOps.widen(zPlusBias),
                rows, cols);
        try (Tensor tz = backend.fromArray(z, shape);
             Tensor tb = backend.fromArray(bias, Shape.vector(cols));
             Tensor ta = RandomTensors.poisoned(backend, shape)) {
            backend.biasActivation(f, tz, tb, ta);
            KitAssertions.assertClose(what + ": Z + bias", zPlusBias, backend.toArray(tz), cols,
                    Tolerances.ELEMENTWISE);
            KitAssertions.assertClose(what + ": A", expected, backend.toArray(ta), cols,
                    Tolerances.ELEMENTWISE);
        }
    }
}
