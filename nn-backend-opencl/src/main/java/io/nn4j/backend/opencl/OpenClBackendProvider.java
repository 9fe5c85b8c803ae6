package io.nn4j.backend.opencl;

import io.nn4j.api.Backend;
import io.nn4j.api.spi.Availability;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.spi.BackendProvider;
import java.util.List;

/**
 * Registers the {@code opencl} backend. Its probe answers priority {@value #GPU_PRIORITY}
 * (above cpu's 10) when it finds a GPU, else {@value #NO_GPU_PRIORITY}.
 *
 * <p>Options: {@value ClDeviceChoice#OPTION} picks the device by index or by a part of its
 * platform or device name (default: the first GPU, else the first device);
 * {@value ClTuning#OPTION} forces a GEMM kernel family ({@code blocked} or {@code tiled});
 * {@value OpenClBackend#KEEP_DATA_OPTION} {@code off} stops training data from being kept on
 * the device (default {@code auto}: kept when it fits in a quarter of the device's memory).
 * Nothing touches JOCL before {@link #probe(BackendOptions)} or {@link #create(BackendOptions)}.
 * The probe lists the devices (which loads JOCL's native library and the ICD loader, since
 * nothing less can tell whether there is a device) but opens no context, and turns every
 * failure (no ICD loader, no platform, no device, no device matching the option) into a reason.
 *
 * <p>The default choice ({@link io.nn4j.api.Backends#load()} with no backend named) skips that
 * probe, and so never loads OpenCL, when Linux's sysfs shows no GPU: no PCI display controller
 * or accelerator and no DRM card ({@link #priorityBound(BackendOptions)} then answers
 * {@value #NO_GPU_PRIORITY}), since OpenCL could then only rank below cpu. Naming the backend
 * ({@code opencl}) and {@link io.nn4j.api.Backends#list()} still probe it.
 *
 * <p>Threads: safe to share; it holds no state, and each {@code create} opens a backend of its own.
 */
public final class OpenClBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "opencl";
    /** The priority when a GPU is present: above the cpu backend. */
    public static final int GPU_PRIORITY = 20;
    /** The priority otherwise: below the cpu backend. */
    public static final int NO_GPU_PRIORITY = 5;

    private final ClPlatformLookup lookup;
    private final SysfsGpuSigns gpuSigns;

    /** The provider {@link java.util.ServiceLoader} makes; does no work. */
    public OpenClBackendProvider() {
        this(() -> ClDiscovery.devices());
    }

    /** A provider that lists devices through {@code lookup} (a test seam). */
    OpenClBackendProvider(ClPlatformLookup lookup) {
        this(lookup, SysfsGpuSigns.ofThisMachine());
    }

    /**
     * A provider that lists devices through {@code lookup} and bounds its priority by what
     * {@code gpuSigns} shows (a test seam).
     */
    OpenClBackendProvider(ClPlatformLookup lookup, SysfsGpuSigns gpuSigns) {
        this.lookup = lookup;
        this.gpuSigns = gpuSigns;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability probe(BackendOptions options) {
        int priority = NO_GPU_PRIORITY;
        try {
            List<ClDeviceInfo> devices = lookup.devices();
            if (devices.stream().anyMatch(ClDeviceInfo::isGpu)) {
                priority = GPU_PRIORITY;
            }
            ClDeviceInfo chosen = ClDeviceChoice.choose(devices,
                    options.get(ClDeviceChoice.OPTION, null));
            return Availability.available(priority, "device " + chosen.describe()
                    + "; all devices: " + ClDeviceChoice.listing(devices));
        } catch (Throwable t) {
            return Availability.unavailable(priority, reason(t), t);
        }
    }

    /**
     * {@value #NO_GPU_PRIORITY} when sysfs shows no GPU (see {@code SysfsGpuSigns}), else
     * {@value #GPU_PRIORITY}. Reads a few files; loads nothing.
     *
     * @param options not read: the probe's priority does not depend on them
     * @return the highest priority the probe could answer on this machine
     */
    @Override
    public int priorityBound(BackendOptions options) {
        return gpuSigns.mayHaveGpu() ? GPU_PRIORITY : NO_GPU_PRIORITY;
    }

    @Override
    public Backend create(BackendOptions options) {
        String keep = options.get(OpenClBackend.KEEP_DATA_OPTION, "auto");
        if (!keep.equals("auto") && !keep.equals("off")) {
            throw new IllegalArgumentException(OpenClBackend.KEEP_DATA_OPTION + " is '" + keep
                    + "'; expected auto or off");
        }
        ClDeviceInfo device = ClDeviceChoice.choose(lookup.devices(),
                options.get(ClDeviceChoice.OPTION, null));
        return OpenClBackend.open(device, ClTuning.forDevice(device,
                options.get(ClTuning.OPTION, null)), keep.equals("auto"));
    }

    /** What a failed probe tells the user, with the fix where one is known. */
    static String reason(Throwable t) {
        if (t instanceof LinkageError) {
            return "the OpenCL ICD loader (libOpenCL.so.1) or JOCL's native library could not be "
                    + "loaded (" + rootCause(t) + "); install ocl-icd-libopencl1 and an OpenCL "
                    + "driver such as pocl-opencl-icd";
        }
        if (t instanceof IllegalStateException || t instanceof IllegalArgumentException) {
            return t.getMessage();
        }
        return "OpenCL device discovery failed: " + t;
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? t.toString() : t + ", caused by " + root;
    }
}
