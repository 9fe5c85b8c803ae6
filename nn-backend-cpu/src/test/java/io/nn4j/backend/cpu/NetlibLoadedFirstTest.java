package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cpu backend's description names the BLAS the process really runs. */
class NetlibLoadedFirstTest {

    @Test
    void whenNetlibLoadedTheSystemsLibraryFirstTheDescriptionSaysSo() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp",
                System.getProperty("java.class.path"), NetlibFirst.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(child.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.matches(".*gemm: blas \\(the system's /\\S+\\.so\\S* \\(netlib was"
                + " loaded before nn4j; the bundled OpenBLAS \\d+\\.\\d+\\.\\d+.* is not"
                + " used\\)\\).*"), output);
    }

    @Test
    void mappedBlasFilesAreReadFromTheProcessMaps(@TempDir Path folder) throws IOException {
        Path maps = folder.resolve("maps");
        String system = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3";
        String bundled = "/home/someone/.cache/nn4j/openblas-x/libopenblas.so.0";
        Files.write(maps, List.of(
                "7f00-7f01 r-xp 00000000 fd:01 1 " + system,
                "7f01-7f02 r--p 00001000 fd:01 1 " + system,
                "7f02-7f03 r-xp 00000000 fd:01 2 " + bundled,
                "7f03-7f04 r-xp 00000000 fd:01 3 /usr/lib/libc.so.6",
                "7f04-7f05 rw-p 00000000 00:00 0 [heap]",
                "7f05-7f06 r-xp 00000000 fd:01 4 /tmp/libnetlibblasjni.so"));
        assertEquals(List.of(Path.of(system), Path.of(bundled)), MappedBlas.files(maps));
        assertEquals(List.of(), MappedBlas.files(folder.resolve("missing")));
        try (Backend backend = Backends.load("cpu")) {
            assertEquals(backend.description().contains("gemm: blas"),
                    !MappedBlas.files().isEmpty(), "a native GEMM maps its library: "
                            + backend.description());
        }
    }
}
