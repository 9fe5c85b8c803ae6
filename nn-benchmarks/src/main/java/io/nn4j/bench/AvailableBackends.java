package io.nn4j.bench;

import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the suites' backends can run on this machine. JMH has no way to skip a parameter
 * value, so a launcher asks this first and passes {@code -p backend=...} with the available
 * ones; the main method prints them comma-separated and logs why each other one is skipped.
 *
 * <p>Stateless: safe to call from any thread.
 */
public final class AvailableBackends {
    /** The CPU backend's name. */
    public static final String CPU = "cpu";
    /** The OpenCL backend's name. */
    public static final String OPENCL = "opencl";
    /** Every backend the suites know, in the order of their {@code @Param} lists. */
    public static final List<String> SUITE = List.of(CPU, OPENCL);

    private static final Logger LOG = LoggerFactory.getLogger(AvailableBackends.class);

    private AvailableBackends() {
    }

    /**
     * Prints the available backends of {@link #SUITE}, comma-separated, on one line.
     * Exits with status 1, printing nothing, when none is available.
     */
    public static void main(String[] args) {
        List<String> names = new ArrayList<>();
        for (String name : SUITE) {
            Optional<String> reason = whyUnavailable(name);
            if (reason.isPresent()) {
                LOG.warn("Skipping backend '{}': {}", name, reason.get());
            } else {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            LOG.error("None of the backends {} is available", SUITE);
            System.exit(1);
        }
        System.out.println(String.join(",", names));
    }

    /** Empty when backend {@code name} can be opened here, else the reason it cannot. */
    public static Optional<String> whyUnavailable(String name) {
        List<BackendStatus> statuses = Backends.list();
        for (BackendStatus status : statuses) {
            if (status.name().equalsIgnoreCase(name)) {
                return status.availability().available() ? Optional.empty()
                        : Optional.of(status.availability().reason());
            }
        }
        return Optional.of("no provider named '" + name + "' is on the class path; found "
                + statuses);
    }
}
