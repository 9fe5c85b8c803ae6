package io.nn4j.backend.cpu;

import io.nn4j.api.testkit.BackendConformanceKit;

/** Runs the backend conformance kit on the cpu backend as {@code Backends.load("cpu")} opens it. */
class CpuConformanceTest extends BackendConformanceKit {

    @Override
    protected String backendName() {
        return "cpu";
    }
}
