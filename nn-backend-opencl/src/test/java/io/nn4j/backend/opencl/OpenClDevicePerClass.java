package io.nn4j.backend.opencl;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One OpenCL device for all the tests of a class, without the backend, for tests of its parts:
 * the device and its buffers, opened before the first test (or the class fails or skips, see
 * {@link OpenClTestSupport}), and a program cache per kernel family, made on first use; all
 * closed after the last test. Register it as a static field with {@code @RegisterExtension}.
 */
final class OpenClDevicePerClass implements BeforeAllCallback, AfterAllCallback {
    private final Map<ClTuning, ClProgramCache> programs = new EnumMap<>(ClTuning.class);
    private ClDevice device;
    private ClBuffers buffers;

    @Override
    public void beforeAll(ExtensionContext context) {
        device = OpenClTestSupport.openDevice();
        buffers = new ClBuffers(device);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        programs.values().forEach(ClProgramCache::close);
        programs.clear();
        if (device != null) {
            buffers.close();
            device.close();
            device = null;
        }
    }

    /** The device's buffers. */
    ClBuffers buffers() {
        return buffers;
    }

    /** The programs built with the options of kernel family {@code family}. */
    ClProgramCache programs(ClTuning family) {
        return programs.computeIfAbsent(family,
                f -> new ClProgramCache(device, f.buildOptions()));
    }

    /** A new launcher on the device's queue. */
    ClLaunch launch() {
        return new ClLaunch(device);
    }
}
