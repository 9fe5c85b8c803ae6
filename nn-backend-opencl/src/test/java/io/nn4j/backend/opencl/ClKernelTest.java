package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A kernel launched again with one argument changed (a buffer, an int or a float) uses the
 * new value and keeps the others: {@link ClKernel} sets only what changed since its last
 * launch. Uses the {@code fill} and {@code scale} kernels (a buffer, a size and a float).
 */
class ClKernelTest {
    private static OpenClBackend backend;

    @BeforeAll
    static void open() {
        backend = OpenClTestSupport.open();
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aChangedBufferAloneTakesEffect() {
        try (Tensor a = backend.zeros(Shape.matrix(4, 8));
             Tensor b = backend.zeros(Shape.matrix(4, 8))) {
            backend.fill(a, 1f);
            backend.fill(b, 1f);
            backend.scale(2f, a);
            backend.scale(2f, b);
            assertAll(a, 2f);
            assertAll(b, 2f);
        }
    }

    @Test
    void aChangedFloatAloneTakesEffect() {
        try (Tensor a = backend.zeros(Shape.matrix(4, 8))) {
            backend.fill(a, 3f);
            assertAll(a, 3f);
            backend.fill(a, Float.NaN);
            assertAll(a, Float.NaN);
            backend.fill(a, 5f);
            assertAll(a, 5f);
        }
    }

    @Test
    void aLargerSizeTakesEffect() {
        try (Tensor small = backend.zeros(Shape.matrix(2, 3));
             Tensor large = backend.zeros(Shape.matrix(4, 8))) {
            backend.fill(small, 7f);
            backend.fill(large, 7f);
            assertAll(small, 7f);
            assertAll(large, 7f);
        }
    }

    @Test
    void aTensorMadeAfterAnotherWasClosedGetsItsOwnBuffer() {
        Tensor first = backend.zeros(Shape.matrix(4, 8));
        backend.fill(first, 1f);
        first.close();
        try (Tensor second = backend.zeros(Shape.matrix(4, 8))) {
            backend.fill(second, 6f);
            assertAll(second, 6f);
        }
    }

    private static void assertAll(Tensor t, float value) {
        assertArrayEquals(filled(t.shape().size(), value), backend.toArray(t), 0f, t.toString());
    }

    private static float[] filled(int size, float value) {
        float[] expected = new float[size];
        Arrays.fill(expected, value);
        return expected;
    }
}
