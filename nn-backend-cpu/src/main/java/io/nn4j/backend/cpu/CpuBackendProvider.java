package io.nn4j.backend.cpu;

import io.nn4j.api.Backend;
import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.spi.BackendProvider;
import java.util.Locale;

/**
 * Registers the {@code cpu} backend. Always available; priority {@value #PRIORITY}.
 *
 * <p>Option {@value #GEMM_OPTION}: {@code ejml-concurrent} (default: EJML's multi-threaded
 * kernels) or {@code ejml} (one thread).
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "cpu";
    /** The backend's priority. */
    public static final int PRIORITY = 10;
    /** The option choosing the GEMM engine. */
    public static final String GEMM_OPTION = "nn.cpu.gemm";

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
        return Availability.available("EJML on " + Runtime.getRuntime().availableProcessors()
                + " cores");
    }

    @Override
    public Backend create(BackendOptions options) {
        String engine = options.get(GEMM_OPTION, "ejml-concurrent").toLowerCase(Locale.ROOT);
        return switch (engine) {
            case "ejml-concurrent" -> new CpuBackend(new EjmlGemm(true));
            case "ejml" -> new CpuBackend(new EjmlGemm(false));
            default -> throw new IllegalArgumentException(GEMM_OPTION + " is '" + engine
                    + "'; expected ejml-concurrent or ejml");
        };
    }
}
