package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A save onto a real full file system: a 256 KiB tmpfs, mounted when the tests run as root (CI
 * does) and skipped otherwise; {@code EnvelopeFaultTest} in nn-api runs the same assertions
 * through a fault-injecting channel everywhere.
 */
class FullDiskTest {
    private static Path mountPoint;
    private static boolean mounted;

    @BeforeAll
    static void mountASmallTmpfs() throws IOException, InterruptedException {
        assumeTrue(run("id", "-u").equals("0"), "mounting a tmpfs needs root");
        mountPoint = Files.createTempDirectory("nn4j-full-disk");
        mounted = run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint.toString())
                .isEmpty();
        assumeTrue(mounted, "mount -t tmpfs failed (no CAP_SYS_ADMIN?)");
    }

    @AfterAll
    static void unmount() throws IOException, InterruptedException {
        if (mounted) {
            run("umount", mountPoint.toString());
        }
        if (mountPoint != null) {
            Files.deleteIfExists(mountPoint);
        }
    }

    /** Runs a command; its output when it exits 0, "failed" otherwise. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        return process.waitFor() == 0 ? output : "failed";
    }

    @Test
    void aModelTooBigForTheDiskLeavesTheOldOneLoadable() throws IOException {
        Path target = mountPoint.resolve("model.nn4j");
        try (Backend backend = Backends.load("cpu");
             Sequential small = Sequential.builder(5).dense(4, Activation.TANH)
                     .dense(3, Activation.SOFTMAX).build(backend, 3);
             Sequential big = Sequential.builder(784).dense(128, Activation.RELU)
                     .dense(10, Activation.SOFTMAX).build(backend, 4)) {
            ModelFile.save(small, target);
            IOException e = assertThrows(IOException.class, () -> ModelFile.save(big, target));
            assertTrue(e.getMessage().startsWith("could not save " + target.toAbsolutePath()),
                    e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            try (Stream<Path> files = Files.list(mountPoint)) {
                assertEquals(List.of(target), files.toList(), "no temporary file remains");
            }
            try (Sequential loaded = ModelFile.load(target, backend)) {
                for (int i = 0; i < small.parameters().size(); i++) {
                    assertArrayEquals(backend.toArray(small.parameters().get(i).value()),
                            backend.toArray(loaded.parameters().get(i).value()));
                }
            }
        }
    }
}
