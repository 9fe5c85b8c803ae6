package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.backend.cpu.CpuBackendProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The edge cases where the kernels must copy the cpu backend's Java semantics beyond what the
 * conformance kit's random inputs reach: NaN passes through ReLU and the loss (OpenCL's
 * {@code fmax} would hide it), the log clamp, infinities in sigmoid and softmax, and ReLU'(0).
 */
class OpenClOpsTest {
    private static final float[] EDGES = {Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 0f, -0f, 100f, -100f, 1e-30f};

    private static Backend cl;
    private static Backend cpu;

    @BeforeAll
    static void open() {
        cl = OpenClTestSupport.open();
        cpu = new CpuBackendProvider().create(BackendOptions.of(Map.of()));
    }

    @AfterAll
    static void close() {
        if (cl != null) {
            cl.close();
            cpu.close();
        }
    }

    /**
     * Forward values on every edge; backward ones where {@code z} is a number (for NaN the
     * documented {@code f'} of ReLU is 0, while the cpu backend's branch-free ReLU' passes
     * {@code dA} through for a positive NaN).
     */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void elementwiseActivationsTreatNanInfinityAndZeroLikeCpu(Activation f) {
        Shape shape = Shape.matrix(1, EDGES.length);
        float[] dA = new float[EDGES.length];
        java.util.Arrays.fill(dA, 1f);
        float[] expected = run(cpu, f, shape, dA);
        float[] actual = run(cl, f, shape, dA);
        for (int i = 0; i < EDGES.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6f, f.id() + "(" + EDGES[i] + ")");
            if (!Float.isNaN(EDGES[i])) {
                int at = EDGES.length + i;
                assertEquals(expected[at], actual[at], 1e-6f, f.id() + "'(" + EDGES[i] + ")");
            }
        }
    }

    @Test
    void softmaxOfAnInfiniteRowMatchesCpu() {
        Shape shape = Shape.matrix(2, 3);
        float[] z = {Float.POSITIVE_INFINITY, 0f, 1f, Float.NaN, 0f, 1f};
        float[] dA = {1f, 2f, 3f, 4f, 5f, 6f};
        assertArrayEquals(run(cpu, Activation.SOFTMAX, shape, dA, z),
                run(cl, Activation.SOFTMAX, shape, dA, z), 1e-6f);
    }

    @Test
    void crossEntropyClampsZeroProbabilitiesAndKeepsNan() {
        Shape shape = Shape.matrix(2, 3);
        float[] target = {1f, 0f, 0f, 1f, 0f, 0f};
        assertTrue(Float.isNaN(lossOf(cl, new float[] {0f, 1f, 0f, Float.NaN, 0.5f, 0.5f},
                target, shape)), "a NaN output must give a NaN loss, as on cpu");
        float[] clamped = {0f, 1f, 0f, 0.5f, 0.25f, 0.25f};
        assertEquals(lossOf(cpu, clamped, target, shape), lossOf(cl, clamped, target, shape),
                1e-5);
        assertEquals(-Math.log(1e-7) - Math.log(0.5), lossOf(cl, clamped, target, shape), 1e-4);
    }

    private static float[] run(Backend backend, Activation f, Shape shape, float[] dA) {
        return run(backend, f, shape, dA, EDGES);
    }

    /** {@code A = f(Z)} followed by {@code dZ} for {@code dA}, both returned one after another. */
    private static float[] run(Backend backend, Activation f, Shape shape, float[] dA, float[] z) {
        try (Tensor zs = backend.fromArray(z, shape);
             Tensor bias = backend.zeros(Shape.vector(shape.cols()));
             Tensor a = backend.zeros(shape);
             Tensor gradient = backend.fromArray(dA, shape);
             Tensor dZ = backend.zeros(shape)) {
            backend.biasActivation(f, zs, bias, a);
            backend.activationBackward(f, zs, a, gradient, dZ);
            float[] both = new float[2 * shape.size()];
            backend.copyOut(a, both, 0);
            backend.copyOut(dZ, both, shape.size());
            return both;
        }
    }

    private static float lossOf(Backend backend, float[] output, float[] target, Shape shape) {
        try (Tensor out = backend.fromArray(output, shape);
             Tensor y = backend.fromArray(target, shape);
             Tensor total = backend.zeros(Shape.vector(1))) {
            backend.accumulateLoss(Loss.CATEGORICAL_CROSSENTROPY, out, y, total);
            return backend.toArray(total)[0];
        }
    }
}
