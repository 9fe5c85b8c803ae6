package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place that decides whether OpenCL tests run: when the probe says unavailable they
 * fail if system property {@value #REQUIRED} is {@code true} (CI), and are skipped with the
 * probe's reason otherwise.
 */
final class OpenClTestSupport {
    /** The switch CI sets so that a missing OpenCL platform fails the build. */
    static final String REQUIRED = "nn.opencl.required";

    private static Availability availability;

    private OpenClTestSupport() {
    }

    /** Fails or skips the calling test unless the opencl backend can be opened here. */
    static synchronized void requireOpenCl() {
        if (availability == null) {
            availability = new OpenClBackendProvider().probe();
        }
        if (availability.available()) {
            return;
        }
        String message = "OpenCL is unavailable: " + availability.reason();
        if (Boolean.getBoolean(REQUIRED)) {
            fail(message + " (" + REQUIRED + "=true)", availability.cause());
        }
        Assumptions.abort(message);
    }

    /** Opens the backend with the default device and kernels, or fails/skips. */
    static OpenClBackend open() {
        return open(Map.of());
    }

    /** Opens the backend with the given options over the defaults, or fails/skips. */
    static OpenClBackend open(Map<String, String> options) {
        requireOpenCl();
        Map<String, String> all = new HashMap<>();
        all.put(ClDeviceChoice.OPTION, System.getProperty(ClDeviceChoice.OPTION, ""));
        all.putAll(options);
        return (OpenClBackend) new OpenClBackendProvider().create(BackendOptions.of(all));
    }
}
