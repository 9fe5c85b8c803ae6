package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kernel launched again with one argument changed (a buffer, an int or a float) uses the
 * new value and keeps the others, and more distinct argument sets than a {@link ClKernel} has
 * kernel objects still launch right: it sets only the arguments its chosen object lacks. Uses
 * the {@code fill} kernel (a buffer, a float and a size).
 */
class ClKernelTest {
    @RegisterExtension
    static final OpenClBackendPerClass OPENCL = new OpenClBackendPerClass();

    /**
     * The fill of a {@code [4, 8]} tensor after one of {@code [rows, cols]}: when that is as
     * large, only the buffer argument changes; when smaller, the size changes too.
     */
    @ParameterizedTest(name = "{0} takes effect")
    @CsvSource({"a changed buffer alone, 4, 8, 2", "a larger size, 2, 3, 7"})
    void aChangeTakesEffect(String change, int rows, int cols, float value) {
        OpenClBackend backend = OPENCL.backend();
        try (Tensor first = backend.zeros(Shape.matrix(rows, cols));
             Tensor second = backend.zeros(Shape.matrix(4, 8))) {
            backend.fill(first, value);
            backend.fill(second, value);
            assertAll(first, value);
            assertAll(second, value);
        }
    }

    @Test
    void aChangedFloatAloneTakesEffect() {
        OpenClBackend backend = OPENCL.backend();
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
    void aTensorMadeAfterAnotherWasClosedGetsItsOwnBuffer() {
        OpenClBackend backend = OPENCL.backend();
        Tensor first = backend.zeros(Shape.matrix(4, 8));
        backend.fill(first, 1f);
        first.close();
        try (Tensor second = backend.zeros(Shape.matrix(4, 8))) {
            backend.fill(second, 6f);
            assertAll(second, 6f);
        }
    }

    @Test
    void moreArgumentSetsThanKernelObjectsLaunchRight() {
        OpenClBackend backend = OPENCL.backend();
        int count = ClKernel.MAX_INSTANCES + 4;
        Tensor[] tensors = new Tensor[count];
        try {
            for (int i = 0; i < count; i++) {
                tensors[i] = backend.zeros(Shape.matrix(1 + i % 3, 5 + i));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < count; i++) {
                    int which = (i * 5 + round) % count;
                    backend.fill(tensors[which], round * 100 + which);
                }
                for (int i = 0; i < count; i++) {
                    assertAll(tensors[i], round * 100 + i);
                }
            }
        } finally {
            for (Tensor t : tensors) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    private static void assertAll(Tensor t, float value) {
        assertArrayEquals(filled(t.shape().size(), value), OPENCL.backend().toArray(t), 0f,
                t.toString());
    }

    private static float[] filled(int size, float value) {
        float[] expected = new float[size];
        Arrays.fill(expected, value);
        return expected;
    }
}
