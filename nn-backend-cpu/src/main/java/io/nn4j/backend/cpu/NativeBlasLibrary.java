package io.nn4j.backend.cpu;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native library behind netlib's JNI BLAS binding, chosen once per JVM: the OpenBLAS
 * bundled with this backend, or the system's {@code libblas.so.3}.
 *
 * <p>The bundled library ({@link BundledOpenBlas}) is a current build: it knows processors that
 * older ones, such as Debian 12's 0.3.21, do not, and picks their best kernels. The binding
 * loads its library on first use and keeps it for the life of the JVM, so the first choice
 * holds and a different later one is refused. A library named through netlib's own properties
 * ({@value #NETLIB_PATH_PROPERTY}, {@value #NETLIB_NAME_PROPERTY}) is left as named.
 *
 * <p>{@link #expected(String)} is the probe's side: it says what {@link #load(String)} would
 * load, from files and resources it only looks at. {@link #load(String)} is {@code create}'s
 * side: it unpacks the bundled library, points netlib at it ({@link System#setProperty}, which
 * is how netlib is told) and loads it.
 *
 * <p>The library a JVM runs is whatever netlib's binding loaded first: when another library
 * (Spark MLlib, for one) used netlib before the first cpu backend, that is the system's, and the
 * description says so (read from the process's mapped files, {@link MappedBlas}) instead of
 * naming the bundled one that was chosen but never loaded.
 *
 * <p>Threads: every method is synchronized on the class, so the one load of a JVM happens once.
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

    /** The source the binding was loaded from, and the library in words; null before. */
    private static String loadedSource;
    private static String loadedLibrary;
    /** Whether the loaded library was named through netlib's properties, not chosen here. */
    private static boolean loadedAsNamed;
    /** Whether the process runs the bundled library (chosen, and not preempted by netlib). */
    private static boolean bundledInUse;

    private NativeBlasLibrary() {
    }

    /**
     * The binding on a loaded library, that library in words (for descriptions), and whether it
     * is the bundled OpenBLAS (a current build, safe to call from several threads at once).
     */
    record Loaded(BLAS blas, String library, boolean bundled) {
    }

    /**
     * The library that {@link #load(String)} would load for {@code source}, in words, found
     * without unpacking or loading anything: the one this JVM loaded; the one netlib's
     * properties name; the bundled one when its folder holds a complete copy or could be made;
     * the system's when the dynamic linker would find it ({@link SystemBlas}). With
     * {@code source} null, the bundled one where it would unpack, else the system's.
     *
     * @throws IllegalArgumentException as {@link #load(String)} does for a bad {@code source}
     * @throws IllegalStateException    with the reason when that library would not load
     */
    static synchronized String expected(String source) {
        String wanted = source == null ? null : checked(source);
        if (loadedSource != null) {
            refuseAnother(wanted);
            return loadedLibrary;
        }
        if (namedByNetlibProperty()) {
            return namedLibrary();
        }
        if (!SYSTEM.equals(wanted) && BundledOpenBlas.available()) {
            Path folder = BundledOpenBlas.cacheFolder();
            Optional<String> problem = BundledOpenBlas.unpackProblem(folder);
            if (problem.isEmpty()) {
                return bundledLibrary();
            }
            if (BUNDLED.equals(wanted)) {
                throw new IllegalStateException("the " + bundledLibrary() + " could not be"
                        + " unpacked into " + folder + " (" + problem.get() + ")");
            }
        }
        if (!SystemBlas.present()) {
            throw new IllegalStateException("no native BLAS would load (" + SystemBlas.LIBRARY
                    + " is not where the dynamic linker looks); install OpenBLAS (Debian:"
                    + " libopenblas0-pthread)");
        }
        return systemLibrary();
    }

    /**
     * The binding on the library {@code source} names, loading it if this JVM has not loaded
     * one yet. With {@code source} null: the library this JVM loaded; else the bundled one,
     * where this platform has it and it can be unpacked; else the system's (logged).
     *
     * @throws IllegalArgumentException when {@code source} is neither {@code bundled} nor
     *                                  {@code system}, or is {@code bundled} on a platform
     *                                  without one
     * @throws IllegalStateException    when this JVM already loaded the other library, or
     *                                  none could be loaded
     */
    static synchronized Loaded load(String source) {
        String wanted = source == null ? null : checked(source);
        if (loadedSource != null) {
            refuseAnother(wanted);
        } else if (wanted != null) {
            loadFirst(wanted);
        } else if (BundledOpenBlas.available()) {
            try {
                loadFirst(BUNDLED);
            } catch (IllegalStateException e) {
                LOG.warn("cpu backend: {}; trying the system's BLAS", e.getMessage());
                loadFirst(SYSTEM);
            }
        } else {
            loadFirst(SYSTEM);
        }
        return new Loaded(binding(), loadedLibrary, bundledInUse);
    }

    /** {@code source} in lower case, when it names a library this platform has. */
    private static String checked(String source) {
        String wanted = source.toLowerCase(Locale.ROOT);
        if (!wanted.equals(BUNDLED) && !wanted.equals(SYSTEM)) {
            throw new IllegalArgumentException(OPTION + " is '" + source
                    + "'; expected bundled or system");
        }
        if (wanted.equals(BUNDLED) && !BundledOpenBlas.available()) {
            throw new IllegalArgumentException(OPTION + " is 'bundled', but there is no bundled"
                    + " OpenBLAS for " + System.getProperty("os.name") + " on "
                    + System.getProperty("os.arch") + "; use system");
        }
        return wanted;
    }

    /** Refuses {@code wanted} when this JVM loaded the other library (by its own choice). */
    private static void refuseAnother(String wanted) {
        if (wanted != null && !loadedSource.equals(wanted) && !loadedAsNamed) {
            throw new IllegalStateException(OPTION + " is '" + wanted + "', but this JVM already"
                    + " loaded BLAS from " + loadedLibrary + "; a JVM loads one BLAS library,"
                    + " so choose it before the first cpu backend is made");
        }
    }

    private static void loadFirst(String wanted) {
        String library;
        boolean named = namedByNetlibProperty();
        boolean bundled = false;
        if (named) {
            library = namedLibrary();
        } else if (wanted.equals(BUNDLED)) {
            library = bundledLibrary();
            Path folder = BundledOpenBlas.cacheFolder();
            Path path;
            try {
                path = BundledOpenBlas.unpack(folder);
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException("the " + library + " could not be unpacked into "
                        + folder + " (" + e + ")", e);
            }
            System.setProperty(NETLIB_PATH_PROPERTY, path.toString());
            String pin = System.getenv(CORETYPE_VARIABLE);
            if (pin != null) {
                LOG.info("cpu backend: {}={} pins the bundled OpenBLAS {} to those kernels; it is"
                        + " a current build, so without the variable it would pick this"
                        + " processor's own", CORETYPE_VARIABLE, pin, BundledOpenBlas.version());
            }
        } else {
            library = systemLibrary();
        }
        binding();
        if (!named && wanted.equals(BUNDLED)) {
            String actual = MappedBlas.otherThan(realFolder(BundledOpenBlas.cacheFolder()));
            bundled = actual == null;
            if (actual != null) {
                LOG.warn("cpu backend: netlib's BLAS binding was loaded before the cpu backend"
                        + " and runs {}, not the {}; open a cpu backend before anything else uses"
                        + " netlib (such as Spark MLlib; on Spark, io.nn4j.spark.NnExecutorPlugin"
                        + " does)", actual, library);
                library = actual + " (netlib was loaded before nn4j; the " + library
                        + " is not used)";
            }
        }
        loadedSource = wanted;
        loadedLibrary = library;
        loadedAsNamed = named;
        bundledInUse = bundled;
        LOG.debug("cpu backend: BLAS from {}", library);
    }

    /** {@code folder} with its links resolved, as {@code /proc/self/maps} names files. */
    private static Path realFolder(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder;
        }
    }

    /** The bundled library in words, with the kernels it is pinned to, if any. */
    private static String bundledLibrary() {
        String pin = System.getenv(CORETYPE_VARIABLE);
        return "bundled OpenBLAS " + BundledOpenBlas.version()
                + (pin == null ? "" : ", kernels pinned by " + CORETYPE_VARIABLE + "=" + pin);
    }

    private static String systemLibrary() {
        return "the system's " + SystemBlas.LIBRARY;
    }

    private static String namedLibrary() {
        return "the library named by " + (System.getProperty(NETLIB_PATH_PROPERTY) != null
                ? NETLIB_PATH_PROPERTY + "=" + System.getProperty(NETLIB_PATH_PROPERTY)
                : NETLIB_NAME_PROPERTY + "=" + System.getProperty(NETLIB_NAME_PROPERTY));
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

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }
}
