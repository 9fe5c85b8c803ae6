package io.nn4j.backend.opencl;

import io.nn4j.api.Backend;
import io.nn4j.api.testkit.BackendConformanceKit;
import java.util.Map;

/**
 * Runs the conformance kit with the GPU kernel family forced, so the tiled GEMM is checked on
 * any device (on a CPU-only machine it runs on PoCL, correct if slow).
 */
class OpenClTiledConformanceTest extends BackendConformanceKit {

    @Override
    protected String backendName() {
        return OpenClBackendProvider.NAME;
    }

    @Override
    protected Backend openBackend() {
        return OpenClTestSupport.open(Map.of(ClTuning.OPTION, ClTuning.TILED.name()));
    }
}
