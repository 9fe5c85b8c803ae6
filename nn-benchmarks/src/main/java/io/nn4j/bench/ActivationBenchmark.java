package io.nn4j.bench;

import io.nn4j.api.Activation;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Activation forward ({@code biasActivation} with a zero bias, so repeated calls see the same
 * {@code Z}) and backward ({@code activationBackward}) on a batch of {@code shape}
 * ({@code rows x cols}).
 */
public class ActivationBenchmark extends BackendBenchmark {
    /** The batch: {@code rows x cols}. */
    @Param({"256x1024"})
    public String shape;

    /** The activation's {@link Activation#id()}. */
    @Param({"relu", "sigmoid", "tanh", "gelu", "softmax"})
    public String activation;

    private Activation function;
    private Tensor z;
    private Tensor bias;
    private Tensor a;
    private Tensor dA;
    private Tensor dZ;

    @Override
    protected void prepare() {
        int[] dims = Sizes.parse("shape", shape, 2);
        Shape batch = Shape.matrix(dims[0], dims[1]);
        function = Activation.byId(activation);
        Random random = new Random(RandomArrays.SEED);
        z = tensor(RandomArrays.uniform(random, batch.size()), batch);
        dA = tensor(RandomArrays.uniform(random, batch.size()), batch);
        bias = zeros(Shape.vector(dims[1]));
        a = zeros(batch);
        dZ = zeros(batch);
        forward();
    }

    /** {@code A = f(Z + 0)}, finished. */
    @Benchmark
    public Tensor forward() {
        engine.biasActivation(function, z, bias, a);
        return finished(a);
    }

    /** {@code dZ = dA ∘ f'(Z)}, finished. */
    @Benchmark
    public Tensor backward() {
        engine.activationBackward(function, z, a, dA, dZ);
        return finished(dZ);
    }

    /** The pre-activation input. */
    Tensor z() {
        return z;
    }

    /** The incoming gradient. */
    Tensor dA() {
        return dA;
    }
}
