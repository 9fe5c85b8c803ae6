package io.nn4j.backend.cpu;

import io.nn4j.api.Backend;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.testkit.BackendConformanceKit;
import java.util.Map;

/**
 * Runs the conformance kit on the cpu backend with its EJML GEMM engine, the fallback used when
 * no native BLAS loads (where OpenBLAS is installed, {@link CpuConformanceTest} runs BLAS).
 */
class CpuEjmlConformanceTest extends BackendConformanceKit {

    @Override
    protected String backendName() {
        return "cpu";
    }

    @Override
    protected Backend openBackend() {
        return new CpuBackendProvider().create(
                BackendOptions.of(Map.of(CpuBackendProvider.GEMM_OPTION, "ejml")));
    }
}
