package io.nn4j.backend.cpu;

import io.nn4j.api.io.UserCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenBLAS this backend ships: JavaCPP's build for Linux x86-64 (the Maven artifact
 * {@code org.bytedeco:openblas}, classifier {@code linux-x86_64}), whose library and the three
 * it links to are unpacked from the class path into a per-user cache folder, because a native
 * library is loaded from a file.
 *
 * <p>Threads: safe to call from any thread; JVMs and threads that unpack at once end up with one
 * copy (see {@link #unpack(Path)}).
 */
final class BundledOpenBlas {
    private static final Logger LOG = LoggerFactory.getLogger(BundledOpenBlas.class);
    private static final String RESOURCES = "org/bytedeco/openblas/linux-x86_64/";
    /** The library first; the others are what it links to, found beside it. */
    private static final List<String> FILES = List.of("libopenblas.so.0", "libgfortran.so.5",
            "libquadmath.so.0", "libgcc_s.so.1");

    private BundledOpenBlas() {
    }

    /** Whether this platform is Linux on x86-64 and the library is on the class path. */
    static boolean available() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("x86_64"))
                && resource(FILES.get(0)) != null;
    }

    /** OpenBLAS's version, e.g. {@code 0.3.30}. */
    static String version() {
        return build().split("-")[0];
    }

    /** The folder the library is unpacked into: {@code openblas-BUILD} in {@link UserCache}. */
    static Path cacheFolder() {
        return UserCache.folder().resolve("openblas-" + build());
    }

    /** The Maven version: OpenBLAS's, then JavaCPP's (0.3.30-1.5.12). */
    private static String build() {
        Properties properties = new Properties();
        try (InputStream in = NativeBlasLibrary.class.getResourceAsStream(
                "bundled-openblas.properties")) {
            if (in == null) {
                throw new IllegalStateException("bundled-openblas.properties is missing from the"
                        + " cpu backend's jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /**
     * Why {@link #unpack(Path)} would fail for {@code folder}, found by looking only (nothing is
     * written): empty when the folder holds a complete copy, or when it is missing and its
     * nearest existing parent is a folder this process may write to. A full disk is not
     * foreseen.
     */
    static Optional<String> unpackProblem(Path folder) {
        try {
            if (complete(folder)) {
                return Optional.empty();
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.of(e.toString());
        }
        if (Files.exists(folder)) {
            return Optional.of(incomplete(folder));
        }
        Path parent = folder.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            return Optional.of("cannot create it: " + parent
                    + " is not a folder this process may write to");
        }
        return Optional.empty();
    }

    /**
     * The library's path in {@code folder}, after unpacking the files there unless a
     * complete copy is already there. Files go to a fresh folder beside it that is then renamed
     * into place, so a JVM never loads a half-written copy, and JVMs unpacking at once agree.
     *
     * @throws IOException when the files cannot be written, or {@code folder} holds an
     *                     incomplete copy
     */
    static Path unpack(Path folder) throws IOException {
        if (!complete(folder)) {
            Files.createDirectories(folder.getParent());
            Path staging = Files.createTempDirectory(folder.getParent(),
                    folder.getFileName() + ".");
            try {
                for (String file : FILES) {
                    try (InputStream in = resource(file).openStream()) {
                        Files.copy(in, staging.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                moveIntoPlace(staging, folder);
            } finally {
                deleteIfThere(staging);
            }
            if (!complete(folder)) {
                throw new IOException(incomplete(folder));
            }
            LOG.info("cpu backend: unpacked the bundled OpenBLAS {} into {}", version(), folder);
        }
        return folder.resolve(FILES.get(0));
    }

    /**
     * Renames {@code staging} to {@code folder}; when {@code folder} already exists (another
     * JVM was first, or an earlier copy is incomplete), leaves it for the caller to check.
     */
    private static void moveIntoPlace(Path staging, Path folder) throws IOException {
        try {
            Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(folder)) {
                throw e;
            }
            LOG.debug("cpu backend: {} was already there ({})", folder, e.toString());
        }
    }

    private static String incomplete(Path folder) {
        return folder + " does not hold a complete copy of " + FILES
                + "; delete it to have it unpacked again";
    }

    private static boolean complete(Path folder) throws IOException {
        for (String file : FILES) {
            Path path = folder.resolve(file);
            if (!Files.isRegularFile(path) || Files.size(path) != resourceSize(file)) {
                return false;
            }
        }
        return true;
    }

    private static long resourceSize(String file) throws IOException {
        URLConnection connection = resource(file).openConnection();
        connection.setUseCaches(false);
        long size = connection.getContentLengthLong();
        connection.getInputStream().close();
        return size;
    }

    private static URL resource(String file) {
        return NativeBlasLibrary.class.getClassLoader().getResource(RESOURCES + file);
    }

    /** Deletes {@code folder} and everything in it, if it exists. */
    static void deleteIfThere(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
