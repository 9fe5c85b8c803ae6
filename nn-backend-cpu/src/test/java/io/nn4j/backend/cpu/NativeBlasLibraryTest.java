package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Backend;
import io.nn4j.api.spi.BackendOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which native BLAS library the cpu backend loads, and how the bundled one is unpacked. The
 * surefire execution {@code system-blas} runs this class again with {@code -Dnn.cpu.blas=system}.
 */
class NativeBlasLibraryTest {
    private static final List<String> FILES = List.of("libopenblas.so.0", "libgfortran.so.5",
            "libquadmath.so.0", "libgcc_s.so.1");

    private static Backend cpu(Map<String, String> options) {
        return new CpuBackendProvider().create(BackendOptions.of(options));
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

    @Test
    void unpacksACompleteCopyOnceAndLeavesNothingElse(@TempDir Path cache) throws IOException {
        Path folder = cache.resolve("openblas-test");

        Path library = NativeBlasLibrary.unpack(folder);

        assertEquals(folder.resolve("libopenblas.so.0"), library);
        for (String file : FILES) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file);
        }
        assertEquals(List.of(folder), list(cache), "no staging folder is left behind");
        FileTime written = Files.getLastModifiedTime(library);
        Files.setLastModifiedTime(library, FileTime.fromMillis(written.toMillis() - 60_000));
        FileTime aged = Files.getLastModifiedTime(library);

        NativeBlasLibrary.unpack(folder);

        assertEquals(aged, Files.getLastModifiedTime(library), "a complete copy is reused");
    }

    @Test
    void anIncompleteCopyIsReportedNotLoaded(@TempDir Path cache) throws IOException {
        Path folder = cache.resolve("openblas-test");
        NativeBlasLibrary.unpack(folder);
        Files.write(folder.resolve("libgfortran.so.5"), new byte[] {1, 2, 3});

        IOException e = assertThrows(IOException.class, () -> NativeBlasLibrary.unpack(folder));

        assertEquals(folder + " does not hold a complete copy of " + FILES
                + "; delete it to have it unpacked again", e.getMessage());
        assertEquals(List.of(folder), list(cache), "no staging folder is left behind");
    }

    @Test
    void jvmsUnpackingAtOnceAgreeOnOneCopy(@TempDir Path cache) throws Exception {
        Path folder = cache.resolve("openblas-test");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Path> unpack = () -> NativeBlasLibrary.unpack(folder);
                results.add(pool.submit(unpack));
            }
            for (Future<Path> result : results) {
                assertEquals(folder.resolve("libopenblas.so.0"), result.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(folder), list(cache));
        assertEquals(FILES.size(), list(folder).size());
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.sorted().toList();
        }
    }
}
