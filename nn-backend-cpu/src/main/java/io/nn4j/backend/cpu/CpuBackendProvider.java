package io.nn4j.backend.cpu;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import io.nn4j.api.Backend;
import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.spi.BackendProvider;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@code cpu} backend. Always available; priority {@value #PRIORITY}.
 *
 * <p>Option {@value #GEMM_OPTION} picks the GEMM engine: {@code auto} (default: native BLAS when
 * it loads, EJML otherwise, logged), {@code blas} (native BLAS or fail) or {@code ejml}.
 * Option {@value #THREADS_OPTION} sets how many threads the costly elementwise ops
 * (transcendental activations, Adam) are split between. The default is 1: splitting gains
 * 25-40% on those ops only, and a JVM that has also loaded PoCL (the OpenCL probe does) was
 * seen to crash with SIGSEGV at safepoint polls once these helper threads ran, unless started
 * with HotSpot's signal-chaining library ({@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}); see
 * docs/backends.md.
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "cpu";
    /** The backend's priority. */
    public static final int PRIORITY = 10;
    /** The option choosing the GEMM engine. */
    public static final String GEMM_OPTION = "nn.cpu.gemm";
    /** The option setting how many threads large elementwise ops are split between. */
    public static final String THREADS_OPTION = "nn.cpu.threads";

    private static final Logger LOG = LoggerFactory.getLogger(CpuBackendProvider.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability probe() {
        String cores = Runtime.getRuntime().availableProcessors() + " cores";
        try {
            return Availability.available("EJML, GEMM through native BLAS ("
                    + NativeBLAS.getInstance().getClass().getSimpleName() + "), " + cores);
        } catch (Throwable noBlas) {
            return Availability.available("EJML, GEMM through EJML (no native BLAS: "
                    + rootMessage(noBlas) + "; install libopenblas0-pthread), " + cores);
        }
    }

    @Override
    public Backend create(BackendOptions options) {
        String engine = options.get(GEMM_OPTION, "auto").toLowerCase(Locale.ROOT);
        GemmEngine gemm = switch (engine) {
            case "auto" -> nativeBlasOrEjml();
            case "blas" -> new BlasGemm(nativeBlas());
            case "ejml" -> new EjmlGemm();
            default -> throw new IllegalArgumentException(GEMM_OPTION + " is '" + engine
                    + "'; expected auto, blas or ejml");
        };
        return new CpuBackend(gemm, new CpuParallel(threads(options)));
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

    private static GemmEngine nativeBlasOrEjml() {
        try {
            return new BlasGemm(nativeBlas());
        } catch (IllegalStateException e) {
            LOG.warn("cpu backend: {}; using EJML's GEMM, which is about 20 times slower",
                    e.getMessage());
            return new EjmlGemm();
        }
    }

    private static BLAS nativeBlas() {
        try {
            return NativeBLAS.getInstance();
        } catch (Throwable t) {
            throw new IllegalStateException("no native BLAS could be loaded ("
                    + rootMessage(t) + "); install OpenBLAS (Debian: libopenblas0-pthread)", t);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }
}
