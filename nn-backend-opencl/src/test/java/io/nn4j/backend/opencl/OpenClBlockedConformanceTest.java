package io.nn4j.backend.opencl;

import io.nn4j.api.Backend;
import io.nn4j.api.testkit.BackendConformanceKit;
import java.util.Map;

/**
 * Runs the conformance kit with the 8-float (AVX2) row of the CPU kernel table forced, so that
 * row is checked on machines whose own default is the 16-float one.
 */
class OpenClBlockedConformanceTest extends BackendConformanceKit {

    @Override
    protected String backendName() {
        return OpenClBackendProvider.NAME;
    }

    @Override
    protected Backend openBackend() {
        return OpenClTestSupport.open(Map.of(ClTuning.OPTION, ClTuning.BLOCKED.name()));
    }
}
