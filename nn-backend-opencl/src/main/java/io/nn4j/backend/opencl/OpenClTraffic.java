package io.nn4j.backend.opencl;

import io.nn4j.api.Backend;
import java.util.Objects;

/**
 * What an OpenCL backend has sent to its device since it opened: the kernels it launched and
 * the copies from host memory into device buffers, with their bytes (warm-up included). Take a
 * snapshot before and after some work and {@link #minus} them to count what the work cost, e.g.
 * that a training step on resident data copies nothing in. Reads from the device
 * ({@code copyOut}, {@code toArray}) and device-to-device copies are not counted.
 *
 * <p>An immutable snapshot, safe to share between threads. {@link #of} reads the counters under
 * the backend's lock, so a snapshot taken while other threads run ops holds whole ops.
 *
 * @param launches           kernels enqueued
 * @param hostToDeviceCopies writes from host memory into device buffers
 * @param hostToDeviceBytes  the bytes those writes carried
 */
public record OpenClTraffic(long launches, long hostToDeviceCopies, long hostToDeviceBytes) {

    /**
     * The counters of {@code backend} now.
     *
     * @param backend an OpenCL backend, open or closed
     * @return its counts since it opened
     * @throws IllegalArgumentException when {@code backend} is not an OpenCL backend
     */
    public static OpenClTraffic of(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        if (!(backend instanceof OpenClBackend opencl)) {
            throw new IllegalArgumentException("OpenClTraffic.of needs an opencl backend, got "
                    + backend.name() + " (" + backend.getClass().getName() + ")");
        }
        return opencl.traffic();
    }

    /**
     * The counts between {@code earlier} and this snapshot of the same backend.
     *
     * @param earlier a snapshot taken before this one
     * @return the launches, copies and bytes since {@code earlier}
     */
    public OpenClTraffic minus(OpenClTraffic earlier) {
        return new OpenClTraffic(launches - earlier.launches,
                hostToDeviceCopies - earlier.hostToDeviceCopies,
                hostToDeviceBytes - earlier.hostToDeviceBytes);
    }
}
