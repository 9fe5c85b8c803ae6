package io.nn4j.api.testkit;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.reference.ReferenceOps;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Conformance of {@link Backend#gemm}: every transpose combination on sizes that catch tiling
 * bugs, the MNIST layer shapes, and a set of {@code alpha}/{@code beta} cases, each against
 * {@link ReferenceOps#gemm} within {@link Tolerances#dotProduct(int)} of the inner size.
 */
public final class GemmConformance {
    /** Sizes just under, at and over the usual tile and vector widths. */
    public static final int[] SIZES = {1, 3, 17, 33, 64, 65, 127, 257};

    /** The forward products of an MNIST network, as {@code batch × inputs × outputs}. */
    private static final int[][] MNIST = {{64, 784, 128}, {256, 784, 1024}, {256, 1024, 10}};

    /** {@code alpha}, {@code beta} beyond the plain product: scale, accumulate, both, neither. */
    private static final float[][] SCALINGS = {{-0.75f, 0f}, {1f, 1f}, {0.5f, -1.5f}, {0f, 2f}};

    /** Small shapes ({@code m, k, n}) the scaling cases run on, with 1 in each position. */
    private static final int[][] SCALING_SHAPES = {{17, 33, 65}, {64, 64, 64}, {1, 127, 3},
            {65, 1, 17}, {33, 3, 1}};

    private GemmConformance() {
    }

    /**
     * One product {@code C[m, n] = alpha · op(A)[m, k] · op(B)[k, n] + beta · C}.
     *
     * @param m rows of {@code op(A)} and {@code C}
     * @param k the inner size, the length of each dot product
     * @param n columns of {@code op(B)} and {@code C}
     */
    public record Case(int m, int k, int n, boolean transposeA, boolean transposeB, float alpha,
                       float beta) {

        /** The stored shape of {@code A}. */
        Shape aShape() {
            return transposeA ? Shape.matrix(k, m) : Shape.matrix(m, k);
        }

        /** The stored shape of {@code B}. */
        Shape bShape() {
            return transposeB ? Shape.matrix(n, k) : Shape.matrix(k, n);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "gemm(%s, %s, alpha=%s, beta=%s) m=%d k=%d n=%d",
                    transposeA ? "Aᵀ" : "A", transposeB ? "Bᵀ" : "B", alpha, beta, m, k, n);
        }
    }

    /**
     * The plain product ({@code alpha = 1, beta = 0}) for every transpose combination on
     * cubes of every size in {@link #SIZES} and on shapes where one dimension takes that size
     * while the others stay odd.
     */
    public static List<Case> tilingCases() {
        Set<List<Integer>> shapes = new LinkedHashSet<>();
        for (int s : SIZES) {
            shapes.add(List.of(s, s, s));
            shapes.add(List.of(s, 33, 65));
            shapes.add(List.of(65, s, 33));
            shapes.add(List.of(33, 65, s));
        }
        List<Case> cases = new ArrayList<>();
        for (List<Integer> shape : shapes) {
            addTransposes(cases, shape.get(0), shape.get(1), shape.get(2), 1f, 0f);
        }
        return cases;
    }

    /**
     * The MNIST shapes: the forward product of each layer for every transpose combination,
     * plus the two backward products training runs, with their real transposes and scaling
     * ({@code dW = dZᵀ·X / batch}, {@code dX = dZ·W}).
     */
    public static List<Case> mnistCases() {
        List<Case> cases = new ArrayList<>();
        for (int[] layer : MNIST) {
            addTransposes(cases, layer[0], layer[1], layer[2], 1f, 0f);
        }
        for (int[] layer : MNIST) {
            int batch = layer[0];
            int inputs = layer[1];
            int outputs = layer[2];
            cases.add(new Case(outputs, batch, inputs, true, false, 1f / batch, 0f));
            cases.add(new Case(batch, outputs, inputs, false, false, 1f, 0f));
        }
        return cases;
    }

    /** Every scaling in {@link #SCALINGS} on small shapes for every transpose combination. */
    public static List<Case> scalingCases() {
        List<Case> cases = new ArrayList<>();
        for (float[] scaling : SCALINGS) {
            for (int[] shape : SCALING_SHAPES) {
                addTransposes(cases, shape[0], shape[1], shape[2], scaling[0], scaling[1]);
            }
        }
        return cases;
    }

    /**
     * Runs one case on fresh random inputs: {@code C} is NaN-poisoned when {@code beta == 0}
     * (the backend must ignore it) and random otherwise; {@code A} and {@code B} must come back
     * unchanged.
     */
    public static void check(Backend backend, Case c) {
        RandomTensors random = RandomTensors.forCase(c.toString());
        float[] a = random.uniform(c.aShape().size(), -1, 1);
        float[] b = random.uniform(c.bShape().size(), -1, 1);
        Shape cShape = Shape.matrix(c.m(), c.n());
        float[] before = c.beta() == 0 ? RandomTensors.poison(cShape.size())
                : random.uniform(cShape.size(), -1, 1);
        double[] expected = ReferenceOps.gemm(c.transposeA(), c.transposeB(), c.alpha(),
                ReferenceOps.widen(a), c.aShape(), ReferenceOps.widen(b), c.bShape(), c.beta(),
                ReferenceOps.widen(before));
        try (Tensor ta = backend.fromArray(a, c.aShape());
             Tensor tb = backend.fromArray(b, c.bShape());
             Tensor tc = backend.fromArray(before, cShape)) {
            backend.gemm(c.transposeA(), c.transposeB(), c.alpha(), ta, tb, c.beta(), tc);
            KitAssertions.assertClose(c.toString(), expected, backend.toArray(tc), c.n(),
                    Tolerances.dotProduct(c.k()));
            KitAssertions.assertClose(c + ": input A", a, backend.toArray(ta),
                    c.aShape().cols(), Tolerances.EXACT);
            KitAssertions.assertClose(c + ": input B", b, backend.toArray(tb),
                    c.bShape().cols(), Tolerances.EXACT);
        }
    }

    private static void addTransposes(List<Case> cases, int m, int k, int n, float alpha,
                                      float beta) {
        for (boolean transposeA : new boolean[] {false, true}) {
            for (boolean transposeB : new boolean[] {false, true}) {
                cases.add(new Case(m, k, n, transposeA, transposeB, alpha, beta));
            }
        }
    }
}
