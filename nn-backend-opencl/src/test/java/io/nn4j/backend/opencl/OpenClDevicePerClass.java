package io.nn4j.backend.opencl;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One OpenCL device for all the tests of a class, without the backend, for tests of its parts:
 * the device, its buffers and a program cache built with one kernel family's options, opened
 * before the first test (or the class fails or skips, see {@link OpenClTestSupport}) and closed
 * after the last. Register it as a static field with {@code @RegisterExtension}.
 */
final class OpenClDevicePerClass implements BeforeAllCallback, AfterAllCallback {
    private final ClTuning family;
    private ClDevice device;
    private ClBuffers buffers;
    private ClProgramCache programs;

    /** Its program cache builds with the options of {@code family}. */
    OpenClDevicePerClass(ClTuning family) {
        this.family = family;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        device = OpenClTestSupport.openDevice();
        buffers = new ClBuffers(device);
        programs = new ClProgramCache(device, family.buildOptions());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (device != null) {
            programs.close();
            buffers.close();
            device.close();
            device = null;
        }
    }

    /** The open device. */
    ClDevice device() {
        return device;
    }

    /** The device's buffers. */
    ClBuffers buffers() {
        return buffers;
    }

    /** The programs of the kernel family, built as they are first asked for. */
    ClProgramCache programs() {
        return programs;
    }
}
