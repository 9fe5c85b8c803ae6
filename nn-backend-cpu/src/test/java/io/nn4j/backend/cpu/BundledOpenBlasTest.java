package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacking the bundled OpenBLAS: once, whole, and once only when JVMs race; and the probe's
 * look at whether it would unpack, which writes nothing.
 */
class BundledOpenBlasTest {
    private static final List<String> FILES = List.of("libopenblas.so.0", "libgfortran.so.5",
            "libquadmath.so.0", "libgcc_s.so.1");

    @Test
    void isAvailableHereWithAVersion() {
        assertTrue(BundledOpenBlas.available(), "the test class path holds the Linux x86-64 jar");
        assertTrue(BundledOpenBlas.version().matches("\\d+\\.\\d+\\.\\d+"),
                BundledOpenBlas.version());
        assertTrue(BundledOpenBlas.cacheFolder().getFileName().toString()
                .startsWith("openblas-" + BundledOpenBlas.version() + "-"),
                BundledOpenBlas.cacheFolder().toString());
    }

    @Test
    void unpacksACompleteCopyOnceAndLeavesNothingElse(@TempDir Path cache) throws IOException {
        Path folder = cache.resolve("openblas-test");

        Path library = BundledOpenBlas.unpack(folder);

        assertEquals(folder.resolve("libopenblas.so.0"), library);
        for (String file : FILES) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file);
        }
        assertEquals(List.of(folder), list(cache), "no staging folder is left behind");
        FileTime written = Files.getLastModifiedTime(library);
        Files.setLastModifiedTime(library, FileTime.fromMillis(written.toMillis() - 60_000));
        FileTime aged = Files.getLastModifiedTime(library);

        BundledOpenBlas.unpack(folder);

        assertEquals(aged, Files.getLastModifiedTime(library), "a complete copy is reused");
    }

    @Test
    void anIncompleteCopyIsReportedNotLoaded(@TempDir Path cache) throws IOException {
        Path folder = cache.resolve("openblas-test");
        BundledOpenBlas.unpack(folder);
        Files.write(folder.resolve("libgfortran.so.5"), new byte[] {1, 2, 3});

        IOException e = assertThrows(IOException.class, () -> BundledOpenBlas.unpack(folder));

        assertEquals(folder + " does not hold a complete copy of " + FILES
                + "; delete it to have it unpacked again", e.getMessage());
        assertEquals(List.of(folder), list(cache), "no staging folder is left behind");
    }

    @Test
    void lookingWhetherItWouldUnpackWritesNothing(@TempDir Path cache) throws IOException {
        Path folder = cache.resolve("nn4j").resolve("openblas-test");

        assertEquals(Optional.empty(), BundledOpenBlas.unpackProblem(folder));

        assertEquals(List.of(), list(cache), "the look wrote nothing");
        BundledOpenBlas.unpack(folder);
        assertEquals(Optional.empty(), BundledOpenBlas.unpackProblem(folder), "complete copy");
    }

    @Test
    void lookingFindsAnIncompleteCopyAndAFolderThatCannotBeMade(@TempDir Path cache)
            throws IOException {
        Path folder = cache.resolve("openblas-test");
        BundledOpenBlas.unpack(folder);
        Files.write(folder.resolve("libquadmath.so.0"), new byte[] {1});
        assertEquals(Optional.of(folder + " does not hold a complete copy of " + FILES
                + "; delete it to have it unpacked again"), BundledOpenBlas.unpackProblem(folder));

        Path file = Files.writeString(cache.resolve("a-file"), "not a folder");
        Optional<String> problem = BundledOpenBlas.unpackProblem(file.resolve("nn4j/openblas"));
        assertEquals(Optional.of("cannot create it: " + file
                + " is not a folder this process may write to"), problem);
        assertFalse(Files.exists(cache.resolve("a-file/nn4j")));
    }

    @Test
    void jvmsUnpackingAtOnceAgreeOnOneCopy(@TempDir Path cache) throws Exception {
        Path folder = cache.resolve("openblas-test");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Path> unpack = () -> BundledOpenBlas.unpack(folder);
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
