package io.nn4j.bench;

import io.nn4j.api.Tensor;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * One backend {@code gemm} in the shapes of a dense layer ({@code size} is
 * {@code batch x in x out}: the MNIST layers and three squares) for each product backprop runs
 * ({@code pass}). The work is finished on the device before the method returns.
 */
public class GemmBenchmark extends BackendBenchmark {
    /** The layer the product belongs to: {@code batch x in x out}. */
    @Param({"64x784x128", "256x784x1024", "256x1024x1024", "256x1024x10",
            "256x256x256", "512x512x512", "1024x1024x1024"})
    public String size;

    /** Which of the layer's products, and so which transposes. */
    @Param({"FORWARD", "WEIGHT_GRADIENT", "INPUT_GRADIENT"})
    public GemmPass pass;

    private Tensor a;
    private Tensor b;
    private Tensor c;

    @Override
    protected void prepare() {
        LayerSize layer = LayerSize.parse("size", size);
        Random random = new Random(RandomArrays.SEED);
        a = tensor(RandomArrays.uniform(random, pass.a(layer).size()), pass.a(layer));
        b = tensor(RandomArrays.uniform(random, pass.b(layer).size()), pass.b(layer));
        c = zeros(pass.c(layer));
    }

    /** {@code C = op(A)·op(B)}, finished. */
    @Benchmark
    public Tensor gemm() {
        engine.gemm(pass.transposeA(), pass.transposeB(), 1f, a, b, 0f, c);
        return finished(c);
    }

    /** The first operand, as stored. */
    Tensor a() {
        return a;
    }

    /** The second operand, as stored. */
    Tensor b() {
        return b;
    }
}
