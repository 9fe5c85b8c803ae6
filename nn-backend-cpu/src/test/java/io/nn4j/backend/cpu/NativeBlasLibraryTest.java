package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Backend;
import io.nn4j.api.spi.BackendOptions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which native BLAS library the cpu backend loads. The surefire execution {@code system-blas}
 * runs this class again with {@code -Dnn.cpu.blas=system}.
 */
class NativeBlasLibraryTest {
    /** The backend opened with {@code options} over this JVM's {@value NativeBlasLibrary#OPTION}. */
    private static Backend cpu(Map<String, String> options) {
        return new CpuBackendProvider().create(BackendOptions.of(withThisJvmsLibrary(options)));
    }

    private static Map<String, String> withThisJvmsLibrary(Map<String, String> options) {
        Map<String, String> all = new HashMap<>();
        String library = System.getProperty(NativeBlasLibrary.OPTION);
        if (library != null) {
            all.put(NativeBlasLibrary.OPTION, library);
        }
        all.putAll(options);
        return all;
    }

    /** The library this JVM is meant to load: the system property's, else the bundled one. */
    private static String expectedSource() {
        return System.getProperty(NativeBlasLibrary.OPTION, NativeBlasLibrary.BUNDLED);
    }

    @Test
    void theBackendNamesTheLibraryThisJvmChose() {
        try (Backend backend = cpu(Map.of())) {
            String pin = System.getenv(NativeBlasLibrary.CORETYPE_VARIABLE);
            String expected = expectedSource().equals(NativeBlasLibrary.BUNDLED)
                    ? "gemm: blas \\(bundled OpenBLAS \\d+\\.\\d+\\.\\d+"
                            + (pin == null ? "" : ", kernels pinned by OPENBLAS_CORETYPE=" + pin)
                            + "\\)"
                    : "gemm: blas \\(the system's libblas\\.so\\.3\\)";
            assertTrue(backend.description().matches(".*" + expected + ".*"),
                    backend.description());
        }
    }

    @Test
    void theProbeNamesTheLibraryTheBackendUses() {
        BackendOptions options = BackendOptions.of(withThisJvmsLibrary(Map.of()));
        try (Backend backend = new CpuBackendProvider().create(options)) {
            String note = new CpuBackendProvider().probe(options).reason();
            assertTrue(note.startsWith("EJML, GEMM through native BLAS ("), note);
            String library = note.substring(note.indexOf("native BLAS (") + 13,
                    note.lastIndexOf("), "));
            assertTrue(backend.description().contains("gemm: blas (" + library + ")"),
                    note + " / " + backend.description());
        }
    }

    @Test
    void theOtherLibraryIsRefusedOnceOneIsLoaded() {
        String loaded = expectedSource();
        String other = loaded.equals(NativeBlasLibrary.BUNDLED)
                ? NativeBlasLibrary.SYSTEM : NativeBlasLibrary.BUNDLED;
        try (Backend backend = cpu(Map.of(CpuBackendProvider.BLAS_OPTION, loaded))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> cpu(Map.of(CpuBackendProvider.BLAS_OPTION, other)));
            assertTrue(e.getMessage().startsWith("nn.cpu.blas is '" + other + "', but this JVM"
                    + " already loaded BLAS from "), e.getMessage());
            assertTrue(e.getMessage().endsWith("; a JVM loads one BLAS library, so choose it"
                    + " before the first cpu backend is made"), e.getMessage());
        }
    }

    @Test
    void anUnknownLibraryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cpu(Map.of(CpuBackendProvider.BLAS_OPTION, "mkl")));
        assertEquals("nn.cpu.blas is 'mkl'; expected bundled or system", e.getMessage());
    }
}
