package io.nn4j.backend.cpu;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
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
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native library behind netlib's JNI BLAS binding, chosen once per JVM: the OpenBLAS
 * bundled with this backend, or the system's {@code libblas.so.3}.
 *
 * <p>The bundled library is a current OpenBLAS (JavaCPP's build, a Maven dependency), unpacked
 * from the classpath into a per-user cache folder the first time a JVM needs it. A current
 * build knows processors that older ones, such as Debian 12's 0.3.21, do not, and picks their
 * best kernels. The binding loads its library on first use and keeps it for the life of the
 * JVM, so the first choice holds and a different later one is refused. A library named through
 * netlib's own properties ({@value #NETLIB_PATH_PROPERTY}, {@value #NETLIB_NAME_PROPERTY}) is
 * left as named.
 */
final class NativeBlasLibrary {
    /** The option: {@code bundled} (the default where this platform has one) or {@code system}. */
    static final String OPTION = "nn.cpu.blas";
    static final String BUNDLED = "bundled";
    static final String SYSTEM = "system";
    static final String NETLIB_PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
    static final String NETLIB_NAME_PROPERTY = "dev.ludovic.netlib.blas.nativeLib";
    /** OpenBLAS's variable that overrides its choice of kernels, in every build. */
    static final String CORETYPE_VARIABLE = "OPENBLAS_CORETYPE";

    private static final Logger LOG = LoggerFactory.getLogger(NativeBlasLibrary.class);
    private static final String RESOURCES = "org/bytedeco/openblas/linux-x86_64/";
    /** The library first; the others are what it links to, found beside it. */
    private static final List<String> FILES = List.of("libopenblas.so.0", "libgfortran.so.5",
            "libquadmath.so.0", "libgcc_s.so.1");

    /** The source the binding was loaded from, and the library in words; null before. */
    private static String loadedSource;
    private static String loadedLibrary;
    /** Whether the loaded library was named through netlib's properties, not chosen here. */
    private static boolean loadedAsNamed;

    private NativeBlasLibrary() {
    }

    /** The binding on a loaded library, and that library in words (for descriptions). */
    record Loaded(BLAS blas, String library) {
    }

    /**
     * The binding on the library this JVM loaded; or else on the one the system property
     * {@value #OPTION} names; or else on the bundled one, where this platform has it and it can
     * be unpacked; or else on the system's.
     *
     * @throws IllegalArgumentException when the system property names no library
     * @throws IllegalStateException    when no library could be loaded
     */
    static synchronized Loaded loadDefault() {
        if (loadedSource != null) {
            return new Loaded(binding(), loadedLibrary);
        }
        String property = System.getProperty(OPTION);
        if (property != null) {
            return load(property);
        }
        if (bundledAvailable()) {
            try {
                return load(BUNDLED);
            } catch (IllegalStateException e) {
                LOG.warn("cpu backend: {}; trying the system's BLAS", e.getMessage());
            }
        }
        return load(SYSTEM);
    }

    /**
     * The binding on the library {@code source} names, loading it if this JVM has not loaded
     * one yet.
     *
     * @throws IllegalArgumentException when {@code source} is neither {@code bundled} nor
     *                                  {@code system}, or is {@code bundled} on a platform
     *                                  without one
     * @throws IllegalStateException    when this JVM already loaded the other library, or
     *                                  none could be loaded
     */
    static synchronized Loaded load(String source) {
        String wanted = source.toLowerCase(Locale.ROOT);
        if (!wanted.equals(BUNDLED) && !wanted.equals(SYSTEM)) {
            throw new IllegalArgumentException(OPTION + " is '" + source
                    + "'; expected bundled or system");
        }
        if (wanted.equals(BUNDLED) && !bundledAvailable()) {
            throw new IllegalArgumentException(OPTION + " is 'bundled', but there is no bundled"
                    + " OpenBLAS for " + System.getProperty("os.name") + " on "
                    + System.getProperty("os.arch") + "; use system");
        }
        if (loadedSource == null) {
            loadFirst(wanted);
        } else if (!loadedSource.equals(wanted) && !loadedAsNamed) {
            throw new IllegalStateException(OPTION + " is '" + wanted + "', but this JVM already"
                    + " loaded BLAS from " + loadedLibrary + "; a JVM loads one BLAS library,"
                    + " so choose it before the first cpu backend is made");
        }
        return new Loaded(binding(), loadedLibrary);
    }

    private static void loadFirst(String wanted) {
        String library;
        boolean named = namedByNetlibProperty();
        if (named) {
            library = "the library named by " + (System.getProperty(NETLIB_PATH_PROPERTY) != null
                    ? NETLIB_PATH_PROPERTY + "=" + System.getProperty(NETLIB_PATH_PROPERTY)
                    : NETLIB_NAME_PROPERTY + "=" + System.getProperty(NETLIB_NAME_PROPERTY));
        } else if (wanted.equals(BUNDLED)) {
            String build = bundledBuild();
            library = "bundled OpenBLAS " + build.split("-")[0];
            Path path;
            try {
                path = unpack(cacheFolder(build));
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException("the " + library + " could not be unpacked into "
                        + cacheFolder(build) + " (" + e + ")", e);
            }
            System.setProperty(NETLIB_PATH_PROPERTY, path.toString());
            String pin = System.getenv(CORETYPE_VARIABLE);
            if (pin != null) {
                LOG.info("cpu backend: {}={} pins the {} to those kernels; it is a current build,"
                        + " so without the variable it would pick this processor's own",
                        CORETYPE_VARIABLE, pin, library);
                library += ", kernels pinned by " + CORETYPE_VARIABLE + "=" + pin;
            }
        } else {
            library = "the system's libblas.so.3";
        }
        binding();
        loadedSource = wanted;
        loadedLibrary = library;
        loadedAsNamed = named;
        LOG.debug("cpu backend: BLAS from {}", library);
    }

    private static BLAS binding() {
        try {
            return NativeBLAS.getInstance();
        } catch (Throwable t) {
            throw new IllegalStateException("no native BLAS could be loaded (" + rootMessage(t)
                    + "); install OpenBLAS (Debian: libopenblas0-pthread)", t);
        }
    }

    private static boolean namedByNetlibProperty() {
        return System.getProperty(NETLIB_PATH_PROPERTY) != null
                || System.getProperty(NETLIB_NAME_PROPERTY) != null;
    }

    private static boolean bundledAvailable() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("x86_64"))
                && resource(FILES.get(0)) != null;
    }

    /** The bundled OpenBLAS's Maven version: OpenBLAS's, then JavaCPP's (0.3.30-1.5.12). */
    private static String bundledBuild() {
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
     * The bundled library's path in {@code folder}, after unpacking the files there unless a
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
                throw new IOException(folder + " does not hold a complete copy of " + FILES
                        + "; delete it to have it unpacked again");
            }
            LOG.info("cpu backend: unpacked the bundled OpenBLAS into {}", folder);
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

    private static Path cacheFolder(String build) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("nn4j").resolve("openblas-" + build);
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

    private static void deleteIfThere(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }
}
