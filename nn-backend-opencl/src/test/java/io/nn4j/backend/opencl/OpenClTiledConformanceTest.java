package io.nn4j.backend.opencl;

import java.util.Map;

/**
 * Runs the conformance kit with the GPU kernel family forced, so the tiled GEMM is checked on
 * any device (on a CPU-only machine it runs on PoCL, correct if slow).
 */
class OpenClTiledConformanceTest extends OpenClConformanceTest {

    @Override
    Map<String, String> options() {
        return Map.of(ClTuning.OPTION, ClTuning.TILED.name());
    }
}
