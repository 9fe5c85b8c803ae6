package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Parameter;
import io.nn4j.api.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of tests that each get a cpu backend of their own, opened before the test and closed
 * after it, once the test is shown to have closed every tensor it made.
 */
abstract class FreshCpuBackend {
    /** The test's backend. */
    protected Backend backend;

    @BeforeEach
    void openBackend() {
        backend = Backends.load("cpu");
    }

    @AfterEach
    void closeBackend() {
        assertEquals(0, backend.memory().liveTensors(), "every tensor was closed");
        backend.close();
    }

    /** Copies of the values of {@code model}'s parameters, in order. */
    protected List<float[]> weights(Sequential model) {
        List<float[]> values = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            values.add(backend.toArray(p.value()));
        }
        return values;
    }

    /** Asserts that two lists of tensor values are the same, tensor by tensor, bit for bit. */
    protected static void assertSameBits(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size(), "tensors");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "tensor " + i);
        }
    }
}
