package io.nn4j.backend.opencl;

import io.nn4j.api.Backend;
import io.nn4j.api.testkit.BackendConformanceKit;
import java.util.Map;

/**
 * Runs the conformance kit on the opencl backend with the kernels chosen for this device; the
 * subclasses run it again with a kernel family forced through {@link #options()}.
 */
class OpenClConformanceTest extends BackendConformanceKit {

    @Override
    protected String backendName() {
        return OpenClBackendProvider.NAME;
    }

    @Override
    protected Backend openBackend() {
        return OpenClTestSupport.open(options());
    }

    /** The backend options over the defaults: none, so the device's own kernels. */
    Map<String, String> options() {
        return Map.of();
    }
}
