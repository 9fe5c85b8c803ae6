package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Backend;
import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cpu backend's probe reads and reports; {@code create} does the work. Runs only in a JVM of
 * its own (the surefire execution {@code fresh-jvm-probe}), where no BLAS library is loaded yet
 * and {@code XDG_CACHE_HOME} points at a folder under {@code target/}, emptied first.
 */
class CpuProbeTest {

    @Test
    void probesChangeNoPropertyAndUnpackNothingThenCreateDoesTheWork() throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        assertNotNull(xdg, "run by the surefire execution fresh-jvm-probe, which sets it");
        Path cache = Path.of(xdg);
        assertTrue(cache.toString().contains("target"), "only a folder under target/ is emptied");
        BundledOpenBlas.deleteIfThere(cache);
        Path folder = BundledOpenBlas.cacheFolder();
        assertTrue(folder.startsWith(cache), folder.toString());
        Properties before = (Properties) System.getProperties().clone();

        List<Availability> answers = Stream.of(Map.<String, String>of(),
                        Map.of(NativeBlasLibrary.OPTION, "bundled"),
                        Map.of(NativeBlasLibrary.OPTION, "system"),
                        Map.of(CpuBackendProvider.GEMM_OPTION, "blas"),
                        Map.of(CpuBackendProvider.GEMM_OPTION, "ejml"))
                .map(options -> new CpuBackendProvider().probe(BackendOptions.of(options)))
                .toList();
        BackendStatus listed = Backends.list().get(0);

        assertEquals(before, System.getProperties(), "a probe sets no system property");
        assertFalse(Files.exists(cache), "a probe unpacks nothing");
        String bundled = "bundled OpenBLAS " + BundledOpenBlas.version();
        for (int defaultBundledOrBlas : new int[] {0, 1, 3}) {
            String reason = answers.get(defaultBundledOrBlas).reason();
            assertTrue(reason.startsWith("EJML, GEMM through native BLAS (" + bundled), reason);
        }
        assertTrue(answers.get(2).reason().startsWith(
                "EJML, GEMM through native BLAS (the system's libblas.so.3), "),
                answers.get(2).reason());
        assertTrue(answers.get(4).reason().startsWith(
                "EJML, GEMM through EJML (nn.cpu.gemm=ejml), "), answers.get(4).reason());
        for (Availability answer : answers) {
            assertTrue(answer.available(), answer.reason());
            assertEquals(CpuBackendProvider.PRIORITY, answer.priority());
        }
        assertTrue(listed.toString().startsWith("cpu (priority 10): available, EJML, GEMM"
                + " through native BLAS (" + bundled), listed.toString());

        try (Backend backend = new CpuBackendProvider().create(BackendOptions.of(Map.of()))) {
            assertTrue(backend.description().contains("gemm: blas (" + bundled),
                    backend.description());
        }
        assertTrue(Files.isRegularFile(folder.resolve("libopenblas.so.0")), "create unpacked it");
        assertEquals(folder.resolve("libopenblas.so.0").toString(),
                System.getProperty(NativeBlasLibrary.NETLIB_PATH_PROPERTY),
                "create pointed netlib at it");
    }
}
