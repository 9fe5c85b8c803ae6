package io.nn4j.backend.opencl;

import io.nn4j.api.Backend;
import io.nn4j.api.testkit.BackendConformanceKit;

/** Runs the conformance kit on the opencl backend with the kernels chosen for this device. */
class OpenClConformanceTest extends BackendConformanceKit {

    @Override
    protected String backendName() {
        return OpenClBackendProvider.NAME;
    }

    @Override
    protected Backend openBackend() {
        return OpenClTestSupport.open();
    }
}
