package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the system's libblas.so.3 the way the dynamic linker would, without loading it. */
class SystemBlasTest {

    private static Path cache(Path folder, String... strings) throws IOException {
        String content = "ld.so-1.7.0\0" + String.join("\0", strings) + "\0";
        return Files.write(folder.resolve("ld.so.cache"),
                content.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void foundInAFolder(@TempDir Path folder) throws IOException {
        Path empty = Files.createDirectory(folder.resolve("empty"));
        Path libs = Files.createDirectory(folder.resolve("libs"));
        Path noCache = folder.resolve("no-cache");
        assertFalse(SystemBlas.present(List.of(empty, libs), noCache));

        Files.write(libs.resolve("libblas.so.3"), new byte[] {0x7f});

        assertTrue(SystemBlas.present(List.of(empty, libs), noCache));
    }

    @Test
    void foundInTheLinkersCacheByNameOrAsTheEndOfAPath(@TempDir Path folder) throws IOException {
        assertTrue(SystemBlas.present(List.of(), cache(folder, "libm.so.6", "libblas.so.3",
                "/lib/x86_64-linux-gnu/libblas.so.3")));
        assertTrue(SystemBlas.present(List.of(), cache(folder,
                "/usr/lib/x86_64-linux-gnu/libblas.so.3")));
    }

    @Test
    void otherLibrariesInTheCacheDoNotCount(@TempDir Path folder) throws IOException {
        assertFalse(SystemBlas.present(List.of(), cache(folder, "libcblas.so.3",
                "/usr/lib/libcblas.so.3", "/usr/lib/libblas.so.30", "libblas.so.3.10")));
    }
}
