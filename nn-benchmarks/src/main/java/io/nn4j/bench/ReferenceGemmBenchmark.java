package io.nn4j.bench;

import io.nn4j.api.Shape;
import io.nn4j.api.reference.ReferenceOps;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The yardstick of {@link GemmBenchmark}: the float64 reference product
 * ({@link ReferenceOps#product}, one thread, plain Java in i-k-j order) on the same {@code size}
 * and {@code pass}, that is the same {@code m}, {@code k}, {@code n} and flops, with its operands
 * stored untransposed (the layout its i-k-j loop reads best).
 */
public class ReferenceGemmBenchmark extends TimedSuite {
    /** The layer the product belongs to: {@code batch x in x out}. */
    @Param({"64x784x128", "256x784x1024", "256x1024x1024", "256x1024x10",
            "256x256x256", "512x512x512", "1024x1024x1024"})
    public String size;

    /** Which of the layer's products: it fixes {@code m}, {@code k} and {@code n}. */
    @Param({"FORWARD", "WEIGHT_GRADIENT", "INPUT_GRADIENT"})
    public GemmPass pass;

    private Shape aShape;
    private Shape bShape;
    private double[] a;
    private double[] b;

    /** Draws the operands. */
    @Setup
    public void prepare() {
        LayerSize layer = LayerSize.parse("size", size);
        int m = pass.c(layer).rows();
        int n = pass.c(layer).cols();
        int k = pass.inner(layer);
        aShape = Shape.matrix(m, k);
        bShape = Shape.matrix(k, n);
        Random random = new Random(RandomArrays.SEED);
        a = ReferenceOps.widen(RandomArrays.uniform(random, m * k));
        b = ReferenceOps.widen(RandomArrays.uniform(random, k * n));
    }

    /** {@code C = A·B} in plain Java, float64. */
    @Benchmark
    public double[] gemm() {
        return ReferenceOps.product(false, false, a, aShape, b, bShape);
    }

    /** The shapes of {@code A} ({@code [m, k]}) and {@code B} ({@code [k, n]}). */
    Shape[] shapes() {
        return new Shape[] {aShape, bShape};
    }
}
