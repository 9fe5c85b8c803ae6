package io.nn4j.backend.opencl;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One OpenCL backend for all the tests of a class: opened before the first (or the class fails
 * or skips, see {@link OpenClTestSupport}) and closed after the last. Register it as a static
 * field with {@code @RegisterExtension}.
 */
final class OpenClBackendPerClass implements BeforeAllCallback, AfterAllCallback {
    private OpenClBackend backend;

    @Override
    public void beforeAll(ExtensionContext context) {
        backend = OpenClTestSupport.open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    /** The open backend. */
    OpenClBackend backend() {
        return backend;
    }
}
