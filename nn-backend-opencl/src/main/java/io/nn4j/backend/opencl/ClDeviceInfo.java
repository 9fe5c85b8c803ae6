package io.nn4j.backend.opencl;

import java.util.Locale;
import org.jocl.CL;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as discovery found it: its handles, names and the limits the backend needs.
 *
 * @param index            the position in the list of every device of every platform
 * @param platform         the platform handle ({@code null} in tests that never open a device)
 * @param device           the device handle ({@code null} likewise)
 * @param platformName     {@code CL_PLATFORM_NAME}
 * @param deviceName       {@code CL_DEVICE_NAME}
 * @param type             {@code CL_DEVICE_TYPE} bits
 * @param computeUnits     {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 * @param maxAllocBytes    {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}: the largest single buffer
 * @param globalMemBytes   {@code CL_DEVICE_GLOBAL_MEM_SIZE}
 * @param maxWorkGroupSize {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 * @param floatVectorWidth {@code CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT}: floats per native vector
 *                         (16 where a CPU device compiles to AVX-512, 8 for AVX2)
 */
record ClDeviceInfo(int index, cl_platform_id platform, cl_device_id device, String platformName,
                    String deviceName, long type, int computeUnits, long maxAllocBytes,
                    long globalMemBytes, long maxWorkGroupSize, int floatVectorWidth) {

    /** Whether the device reports itself as a GPU. */
    boolean isGpu() {
        return (type & CL.CL_DEVICE_TYPE_GPU) != 0;
    }

    /** {@code GPU}, {@code CPU}, {@code ACCELERATOR} or {@code OTHER}. */
    String typeName() {
        if (isGpu()) {
            return "GPU";
        }
        if ((type & CL.CL_DEVICE_TYPE_CPU) != 0) {
            return "CPU";
        }
        if ((type & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return "ACCELERATOR";
        }
        return "OTHER";
    }

    /** {@code platform / device}, the text {@code nn.opencl.device} substrings are matched in. */
    String fullName() {
        return platformName + " / " + deviceName;
    }

    /** One line for lists: index, type, names and memory. */
    String describe() {
        return String.format(Locale.ROOT, "[%d] %s '%s' (%d compute units, %s memory, "
                        + "max allocation %s)", index, typeName(), fullName(), computeUnits,
                bytes(globalMemBytes), bytes(maxAllocBytes));
    }

    /** A byte count for people: {@code 1.0 GiB}, {@code 512.0 MiB}, {@code 12 bytes}. */
    static String bytes(long count) {
        if (count >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", count / (double) (1L << 30));
        }
        if (count >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", count / (double) (1L << 20));
        }
        return count + " bytes";
    }
}
