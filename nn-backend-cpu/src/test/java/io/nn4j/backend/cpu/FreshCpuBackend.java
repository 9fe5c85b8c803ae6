package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
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
}
