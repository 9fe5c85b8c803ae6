package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Backend;
import io.nn4j.api.BackendStatus;
import io.nn4j.api.BackendUnavailableException;
import io.nn4j.api.Backends;
import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cpu backend as ServiceLoader finds it, and its GEMM engine option. */
class CpuBackendSelectionTest {

    @Test
    void missingNameListsCpuWithItsStatus() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("nope"));
        assertTrue(e.getMessage().contains("no backend named 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("cpu (priority 10): available, EJML"), e.getMessage());
    }

    @Test
    void optionsGivenByTheCallerReplaceTheJvmsAndAreExtendedOneByOne() {
        BackendOptions ejml = BackendOptions.fromSystem()
                .with(CpuBackendProvider.GEMM_OPTION, "ejml");
        assertEquals("ejml", ejml.get(CpuBackendProvider.GEMM_OPTION, null));
        assertEquals("auto", BackendOptions.fromSystem().get(CpuBackendProvider.GEMM_OPTION,
                "auto"), "with() leaves the options it extends alone");
        try (Backend backend = Backends.load("cpu", ejml)) {
            assertTrue(backend.description().contains("gemm: ejml"), backend.description());
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.load("nope", ejml));
        assertTrue(e.getMessage().contains("no backend named 'nope'"), e.getMessage());
    }

    @Test
    void listShowsCpuAsAvailable() {
        BackendStatus cpu = Backends.list().stream().filter(s -> s.name().equals("cpu"))
                .findFirst().orElseThrow();
        assertTrue(cpu.availability().available(), cpu.toString());
    }

    @Test
    void theProbeSaysWhenItsOptionsWillNotOpenButStaysAvailable() {
        Availability mkl = new CpuBackendProvider().probe(
                BackendOptions.of(Map.of(CpuBackendProvider.BLAS_OPTION, "mkl")));
        assertTrue(mkl.available());
        assertEquals(CpuBackendProvider.PRIORITY, mkl.priority());
        assertTrue(mkl.reason().startsWith("EJML, GEMM through native BLAS, which will not open"
                + " (nn.cpu.blas is 'mkl'; expected bundled or system), "), mkl.reason());

        Availability fortran = new CpuBackendProvider().probe(
                BackendOptions.of(Map.of(CpuBackendProvider.GEMM_OPTION, "fortran")));
        assertTrue(fortran.available());
        assertTrue(fortran.reason().startsWith("EJML, GEMM through no engine (nn.cpu.gemm is"
                + " 'fortran'; expected auto, blas or ejml), "), fortran.reason());
    }

    @Test
    void gemmEngineCanBeForced() {
        try (Backend ejml = new CpuBackendProvider().create(
                BackendOptions.of(Map.of(CpuBackendProvider.GEMM_OPTION, "ejml")))) {
            assertTrue(ejml.description().contains("gemm: ejml"), ejml.description());
        }
    }

    @Test
    void threadsCanBeSetAndNonsenseIsRejected() {
        try (Backend single = new CpuBackendProvider().create(
                BackendOptions.of(Map.of(CpuBackendProvider.THREADS_OPTION, "1")))) {
            assertTrue(single.description().contains("on 1 thread)"), single.description());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CpuBackendProvider().create(
                        BackendOptions.of(Map.of(CpuBackendProvider.THREADS_OPTION, "0"))));
        assertEquals("nn.cpu.threads is '0'; expected a whole number of threads, at least 1",
                e.getMessage());
    }

    @Test
    void unknownGemmEngineIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CpuBackendProvider().create(
                        BackendOptions.of(Map.of(CpuBackendProvider.GEMM_OPTION, "fortran"))));
        assertEquals("nn.cpu.gemm is 'fortran'; expected auto, blas or ejml", e.getMessage());
    }
}
