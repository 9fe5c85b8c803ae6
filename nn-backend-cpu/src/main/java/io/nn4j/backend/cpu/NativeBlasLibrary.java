package io.nn4j.backend.cpu;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native library behind netlib's JNI BLAS binding, chosen once per JVM: the OpenBLAS
 * bundled with this backend, or the system's {@code libblas.so.3}.
 *
 * <p>The bundled library ({@link BundledOpenBlas}) is a current build: it knows processors that
 * older ones, such as Debian 12's 0.3.21, do not, and picks their best kernels. The binding loads its library on first use and keeps it for the life of the
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
        if (BundledOpenBlas.available()) {
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
        if (wanted.equals(BUNDLED) && !BundledOpenBlas.available()) {
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
            library = "bundled OpenBLAS " + BundledOpenBlas.version();
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

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }
}
