package io.nn4j.backend.cpu;

import io.nn4j.api.Backend;
import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.spi.BackendProvider;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@code cpu} backend. Always available; priority {@value #PRIORITY}.
 *
 * <p>Its probe reads and reports: it says which GEMM {@link #create(BackendOptions)} is expected
 * to use ({@link NativeBlasLibrary#expected(String)}: it looks for the library's files, but
 * unpacks, loads and sets nothing). {@code create} unpacks and loads the library, once per JVM.
 * A library that would not load leaves the backend available: by default {@code create} falls
 * back to EJML's GEMM; when the options ask for native BLAS, {@code create} fails and says why,
 * and so does the probe's note.
 *
 * <p>Option {@value #GEMM_OPTION} picks the GEMM engine: {@code auto} (default: native BLAS when
 * it loads, EJML otherwise, logged), {@code blas} (native BLAS or fail) or {@code ejml}.
 * Option {@value #BLAS_OPTION} picks the native library ({@link NativeBlasLibrary}, once per
 * JVM): {@code bundled}, the current OpenBLAS this backend ships (the default on Linux x86-64;
 * where it cannot be unpacked, the system's is used, logged), or {@code system}, the system's
 * {@code libblas.so.3}; a library named here must load.
 * Option {@value #THREADS_OPTION} sets how many threads the costly elementwise ops
 * (transcendental activations, Adam) are split between. The default is 1: splitting gains
 * 25-40% on those ops only, and a JVM that has also loaded PoCL (the OpenCL probe does) was
 * seen to crash with SIGSEGV at safepoint polls once these helper threads ran, unless started
 * with HotSpot's signal-chaining library ({@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}); see
 * docs/backends.md.
 *
 * <p>Threads: safe to share; it holds no state, and each {@code create} opens a backend of its
 * own.
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "cpu";
    /** The priority its probe always answers: below opencl on a GPU, above opencl on a CPU. */
    public static final int PRIORITY = 10;
    /** The option choosing the GEMM engine. */
    public static final String GEMM_OPTION = "nn.cpu.gemm";
    /** The option choosing the native BLAS library. */
    public static final String BLAS_OPTION = NativeBlasLibrary.OPTION;
    /** The option setting how many threads large elementwise ops are split between. */
    public static final String THREADS_OPTION = "nn.cpu.threads";

    private static final Logger LOG = LoggerFactory.getLogger(CpuBackendProvider.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability probe(BackendOptions options) {
        return Availability.available(PRIORITY, "EJML, GEMM through " + expectedGemm(options)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    /**
     * {@value #PRIORITY}, what the probe always answers.
     *
     * @param options not read
     * @return {@link #PRIORITY}
     */
    @Override
    public int priorityBound(BackendOptions options) {
        return PRIORITY;
    }

    @Override
    public Backend create(BackendOptions options) {
        String library = options.get(BLAS_OPTION, null);
        GemmEngine gemm = switch (engine(options)) {
            case "auto" -> nativeBlasOrEjml(library);
            case "blas" -> nativeBlasGemm(library);
            default -> new EjmlGemm();
        };
        return new CpuBackend(gemm, new CpuParallel(threads(options)));
    }

    /** The GEMM that {@link #create(BackendOptions)} is expected to use, in words. */
    private static String expectedGemm(BackendOptions options) {
        String engine;
        try {
            engine = engine(options);
        } catch (IllegalArgumentException e) {
            return "no engine (" + e.getMessage() + ")";
        }
        if (engine.equals("ejml")) {
            return "EJML (" + GEMM_OPTION + "=ejml)";
        }
        String library = options.get(BLAS_OPTION, null);
        try {
            return "native BLAS (" + NativeBlasLibrary.expected(library) + ")";
        } catch (Throwable t) {
            String why = t instanceof IllegalArgumentException || t instanceof IllegalStateException
                    ? t.getMessage() : t.toString();
            if (engine.equals("auto") && library == null) {
                return "EJML (no native BLAS: " + why + ")";
            }
            return "native BLAS, which will not open (" + why + ")";
        }
    }

    /** The GEMM engine option in lower case: {@code auto}, {@code blas} or {@code ejml}. */
    private static String engine(BackendOptions options) {
        String engine = options.get(GEMM_OPTION, "auto").toLowerCase(Locale.ROOT);
        if (!List.of("auto", "blas", "ejml").contains(engine)) {
            throw new IllegalArgumentException(GEMM_OPTION + " is '" + engine
                    + "'; expected auto, blas or ejml");
        }
        return engine;
    }

    private static int threads(BackendOptions options) {
        String value = options.get(THREADS_OPTION, "1");
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(THREADS_OPTION + " is '" + value
                + "'; expected a whole number of threads, at least 1");
    }

    /** GEMM through the native BLAS from {@code library}, or by default when it is null. */
    private static GemmEngine nativeBlasGemm(String library) {
        NativeBlasLibrary.Loaded loaded = NativeBlasLibrary.load(library);
        return new BlasGemm(loaded.blas(), loaded.library(),
                loaded.bundled() && BlasGemm.oneThreadPerCall(System.getenv()));
    }

    /** Native BLAS, or EJML when no native library loads and none was asked for by name. */
    private static GemmEngine nativeBlasOrEjml(String library) {
        if (library != null) {
            return nativeBlasGemm(library);
        }
        try {
            return nativeBlasGemm(null);
        } catch (IllegalStateException e) {
            LOG.warn("cpu backend: {}; using EJML's GEMM, which is about 20 times slower",
                    e.getMessage());
            return new EjmlGemm();
        }
    }
}
