package io.nn4j.backend.opencl;

import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.testkit.RequiredBackend;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens the OpenCL backend for tests, after {@link RequiredBackend} decided they run: they fail
 * when it is unavailable and {@code nn.opencl.required} is true (CI), and skip otherwise.
 */
final class OpenClTestSupport {

    private OpenClTestSupport() {
    }

    /** Fails or skips the calling test unless the opencl backend can be opened here. */
    static void requireOpenCl() {
        RequiredBackend.check(OpenClBackendProvider.NAME);
    }

    /**
     * Opens the device the backend would choose ({@code nn.opencl.device} or the default),
     * without the backend, for tests of its parts; or fails/skips.
     */
    static ClDevice openDevice() {
        requireOpenCl();
        return new ClDevice(ClDeviceChoice.choose(ClDiscovery.devices(),
                System.getProperty(ClDeviceChoice.OPTION)));
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
