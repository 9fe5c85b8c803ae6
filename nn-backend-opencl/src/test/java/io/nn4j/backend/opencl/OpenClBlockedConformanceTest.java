package io.nn4j.backend.opencl;

import java.util.Map;

/**
 * Runs the conformance kit with the 8-float (AVX2) row of the CPU kernel table forced, so that
 * row is checked on machines whose own default is the 16-float one.
 */
class OpenClBlockedConformanceTest extends OpenClConformanceTest {

    @Override
    Map<String, String> options() {
        return Map.of(ClTuning.OPTION, ClTuning.BLOCKED.name());
    }
}
