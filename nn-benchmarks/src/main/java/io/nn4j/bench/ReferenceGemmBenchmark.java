package io.nn4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The yardstick of {@link GemmBenchmark}: {@link ReferenceGemm} on the same {@code size} and
 * {@code pass}, that is the same {@code m}, {@code k}, {@code n} and flops, with its operands
 * stored untransposed (the layout its i-k-j loop reads best).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReferenceGemmBenchmark {
    /** The layer the product belongs to: {@code batch x in x out}. */
    @Param({"64x784x128", "256x784x1024", "256x1024x1024", "256x1024x10",
            "256x256x256", "512x512x512", "1024x1024x1024"})
    public String size;

    /** Which of the layer's products: it fixes {@code m}, {@code k} and {@code n}. */
    @Param({"FORWARD", "WEIGHT_GRADIENT", "INPUT_GRADIENT"})
    public GemmPass pass;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Draws the operands. */
    @Setup
    public void prepare() {
        LayerSize layer = LayerSize.parse("size", size);
        m = pass.c(layer).rows();
        n = pass.c(layer).cols();
        k = pass.inner(layer);
        Random random = new Random(RandomArrays.SEED);
        a = RandomArrays.uniform(random, m * k);
        b = RandomArrays.uniform(random, k * n);
        c = new float[m * n];
    }

    /** {@code C = A·B} in plain Java. */
    @Benchmark
    public float[] gemm() {
        ReferenceGemm.multiply(m, k, n, a, b, c);
        return c;
    }

    /** The operands and result as {@code [m, k]}, {@code [k, n]}, {@code [m, n]} arrays. */
    float[][] operands() {
        return new float[][] {a, b, c};
    }

    /** {@code m}, {@code k}, {@code n}. */
    int[] dimensions() {
        return new int[] {m, k, n};
    }
}
