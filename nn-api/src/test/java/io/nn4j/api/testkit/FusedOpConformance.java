package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.reference.ReferenceActivations;
import io.nn4j.api.reference.ReferenceLosses;
import io.nn4j.api.reference.ReferenceOps;
import java.util.ArrayList;
import java.util.List;

/**
 * Conformance of the ops a backend may fuse, against the float64 reference:
 * {@link Backend#denseForward} (the product, the bias and every activation),
 * {@link Backend#denseBackward} (the input gradient through every activation of the layer
 * below, the weights' and the bias's gradients or an SGD step folded into them) and
 * {@link Backend#lossGradientAndSum}. Outputs are poisoned first.
 */
public final class FusedOpConformance {

    private FusedOpConformance() {
    }

    /** A dense layer's sizes: {@code m} rows of {@code k} inputs, {@code n} outputs. */
    public record Dims(int m, int k, int n) {
        @Override
        public String toString() {
            return m + "x" + k + "->" + n;
        }
    }

    /**
     * Sizes that catch tiling bugs and the MNIST layers: odd, tiny, outputs narrower and wider
     * than a vector, and wider than 128.
     *
     * @return the cases
     */
    public static List<Dims> dims() {
        return List.of(new Dims(1, 1, 1), new Dims(3, 17, 5), new Dims(17, 33, 10),
                new Dims(33, 65, 127), new Dims(64, 128, 10), new Dims(64, 784, 128),
                new Dims(5, 20, 257));
    }

    /**
     * {@code Z = X·Wᵀ + b}, {@code A = f(Z)}: {@code Z} against the reference product plus bias,
     * {@code A} against the reference activation of the {@code Z} the backend wrote.
     */
    public static void checkDenseForward(Backend backend, Activation f, Dims d) {
        String what = "denseForward(" + f.id() + ") " + d;
        RandomTensors random = RandomTensors.forCase(what);
        Shape xShape = Shape.matrix(d.m(), d.k());
        Shape wShape = Shape.matrix(d.n(), d.k());
        Shape zShape = Shape.matrix(d.m(), d.n());
        float[] x = random.uniform(xShape.size(), -1, 1);
        float[] w = random.uniform(wShape.size(), -1, 1);
        float[] bias = random.uniform(d.n(), -1, 1);
        double[] expectedZ = ReferenceOps.addBias(ReferenceOps.product(false, true,
                ReferenceOps.widen(x), xShape, ReferenceOps.widen(w), wShape),
                ReferenceOps.widen(bias), d.m(), d.n());
        try (Tensor tx = backend.fromArray(x, xShape);
             Tensor tw = backend.fromArray(w, wShape);
             Tensor tb = backend.fromArray(bias, Shape.vector(d.n()));
             Tensor tz = RandomTensors.poisoned(backend, zShape);
             Tensor ta = RandomTensors.poisoned(backend, zShape)) {
            backend.denseForward(f, tx, tw, tb, tz, ta);
            float[] z = backend.toArray(tz);
            KitAssertions.assertClose(what + ": Z", expectedZ, z, d.n(),
                    Tolerances.dotProduct(d.k()));
            KitAssertions.assertClose(what + ": A", ReferenceActivations.activate(f,
                    ReferenceOps.widen(z), d.m(), d.n()), backend.toArray(ta), d.n(),
                    Tolerances.ELEMENTWISE);
        }
    }

    /**
     * A dense layer's backward pass through {@code g}, the activation of the layer below:
     * {@code inputGradient = (dZ·W) ∘ g'(inputZ)} (unless {@code propagate} is false), then the
     * weights and the bias. With {@code folded}, the targets are {@code W} and a bias with an
     * SGD step folded in ({@code alpha = −0.3/m}, {@code beta = 0.99}), and the input gradient
     * must come from {@code W} before the step; else gradients ({@code alpha = 1/m},
     * {@code beta = 0}) into poisoned targets.
     */
    public static void checkDenseBackward(Backend backend, Activation g, Dims d,
                                          boolean propagate, boolean folded) {
        String what = "denseBackward(" + g.id() + ") " + d + (propagate ? "" : " no dX")
                + (folded ? " SGD folded" : "");
        RandomTensors random = RandomTensors.forCase(what);
        Shape xShape = Shape.matrix(d.m(), d.k());
        Shape wShape = Shape.matrix(d.n(), d.k());
        Shape zShape = Shape.matrix(d.m(), d.n());
        float[] inputZ = random.uniform(xShape.size(), -3, 3);
        float[] x = ReferenceOps.narrow(ReferenceActivations.activate(g,
                ReferenceOps.widen(inputZ), d.m(), d.k()));
        float[] w = random.uniform(wShape.size(), -1, 1);
        float[] bias = random.uniform(d.n(), -1, 1);
        float[] dZ = random.uniform(zShape.size(), -1, 1);
        float weightAlpha = folded ? -0.3f / d.m() : 1f / d.m();
        float beta = folded ? 0.99f : 0f;
        double[] product = ReferenceOps.product(false, false, ReferenceOps.widen(dZ), zShape,
                ReferenceOps.widen(w), wShape);
        double[] expectedInput = ReferenceActivations.backward(g, ReferenceOps.widen(inputZ),
                product, d.m(), d.k());
        double[] expectedW = ReferenceOps.gemm(true, false, weightAlpha, ReferenceOps.widen(dZ),
                zShape, ReferenceOps.widen(x), xShape, beta, ReferenceOps.widen(w));
        double[] expectedB = ReferenceOps.columnSums(weightAlpha, ReferenceOps.widen(dZ), d.m(),
                d.n(), beta, ReferenceOps.widen(bias));
        try (Tensor tdZ = backend.fromArray(dZ, zShape);
             Tensor tx = backend.fromArray(x, xShape);
             Tensor tw = backend.fromArray(w, wShape);
             Tensor tInputZ = backend.fromArray(inputZ, xShape);
             Tensor tInput = RandomTensors.poisoned(backend, xShape);
             Tensor tb = backend.fromArray(bias, Shape.vector(d.n()));
             Tensor gradW = RandomTensors.poisoned(backend, wShape);
             Tensor gradB = RandomTensors.poisoned(backend, Shape.vector(d.n()))) {
            Tensor weightTarget = folded ? tw : gradW;
            Tensor biasTarget = folded ? tb : gradB;
            backend.denseBackward(tdZ, tx, tw, g, tInputZ, propagate ? tInput : null,
                    weightAlpha, beta, weightTarget, weightAlpha, beta, biasTarget);
            if (propagate) {
                KitAssertions.assertClose(what + ": input gradient", expectedInput,
                        backend.toArray(tInput), d.k(), Tolerances.dotProduct(d.n()));
            } else {
                for (float value : backend.toArray(tInput)) {
                    assertTrue(Float.isNaN(value), what + ": the input gradient was written");
                }
            }
            KitAssertions.assertClose(what + ": weights", expectedW,
                    backend.toArray(weightTarget), d.k(), Tolerances.dotProduct(d.m()));
            KitAssertions.assertClose(what + ": bias", expectedB, backend.toArray(biasTarget),
                    d.n(), Tolerances.dotProduct(d.m()));
        }
    }

    /**
     * The loss gradient and the summed loss in one op, into a poisoned gradient (or into the
     * output itself, with {@code inPlace}) and an accumulator that already holds a value.
     */
    public static void checkLossGradientAndSum(Backend backend, Loss loss, Shape shape,
                                               boolean inPlace) {
        String what = "lossGradientAndSum(" + loss.id() + ") " + shape
                + (inPlace ? " grad=output" : "");
        RandomTensors random = RandomTensors.forCase(what);
        float[] output = LossConformance.outputs(loss, shape, random);
        float[] target = LossConformance.targets(loss, shape, random);
        float start = random.uniform(1, 0.5, 2)[0];
        double expectedTotal = start;
        for (double example : ReferenceLosses.exampleLosses(loss, ReferenceOps.widen(output),
                ReferenceOps.widen(target), shape.rows(), shape.cols())) {
            expectedTotal += example;
        }
        double[] expectedGrad = ReferenceLosses.gradient(loss, ReferenceOps.widen(output),
                ReferenceOps.widen(target), shape.rows(), shape.cols());
        try (Tensor to = backend.fromArray(output, shape);
             Tensor tt = backend.fromArray(target, LossConformance.targetShape(loss, shape));
             Tensor poisoned = RandomTensors.poisoned(backend, shape);
             Tensor total = backend.fromArray(new float[] {start}, Shape.vector(1))) {
            Tensor grad = inPlace ? to : poisoned;
            backend.lossGradientAndSum(loss, to, tt, grad, total);
            KitAssertions.assertClose(what + ": gradient", expectedGrad, backend.toArray(grad),
                    shape.cols(), Tolerances.ELEMENTWISE);
            KitAssertions.assertClose(what + ": total", new double[] {expectedTotal},
                    backend.toArray(total), 1, Tolerances.positiveSum(shape.size()));
        }
    }

    /**
     * The backward cases: every activation below on every size, with and without an input
     * gradient; and an SGD step folded in on every size.
     *
     * @return {activation, dims, propagate, folded} per case
     */
    public static List<Object[]> backwardCases() {
        List<Object[]> cases = new ArrayList<>();
        for (Dims d : dims()) {
            for (Activation g : Activation.values()) {
                cases.add(new Object[] {g, d, true, false});
            }
            cases.add(new Object[] {Activation.RELU, d, false, false});
            cases.add(new Object[] {Activation.RELU, d, true, true});
            cases.add(new Object[] {Activation.IDENTITY, d, false, true});
        }
        return cases;
    }
}
