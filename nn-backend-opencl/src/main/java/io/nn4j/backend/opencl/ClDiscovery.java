package io.nn4j.backend.opencl;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_NOT_FOUND_KHR;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Lists every device of every OpenCL platform. This is the first code to touch JOCL: loading
 * its native library (and through it the ICD loader {@code libOpenCL}) happens here, so the
 * provider calls it inside a {@code catch (Throwable)}.
 */
final class ClDiscovery {

    private ClDiscovery() {
    }

    /**
     * Every device, numbered in platform order, then device order.
     *
     * @throws IllegalStateException when the ICD loader finds no platform
     */
    static List<ClDeviceInfo> devices() {
        CL.setExceptionsEnabled(true);
        List<ClDeviceInfo> devices = new ArrayList<>();
        for (cl_platform_id platform : platforms()) {
            String platformName = platformName(platform);
            for (cl_device_id device : devicesOf(platform)) {
                devices.add(new ClDeviceInfo(devices.size(), platform, device, platformName,
                        deviceString(device, CL_DEVICE_NAME), deviceLong(device, CL_DEVICE_TYPE),
                        deviceInt(device, CL_DEVICE_MAX_COMPUTE_UNITS),
                        deviceLong(device, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                        deviceLong(device, CL_DEVICE_GLOBAL_MEM_SIZE),
                        deviceSize(device, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                        deviceInt(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT)));
            }
        }
        return devices;
    }

    private static cl_platform_id[] platforms() {
        int[] count = new int[1];
        try {
            CL.clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            if (e.getStatus() == CL_PLATFORM_NOT_FOUND_KHR) {
                throw noPlatform(e);
            }
            throw e;
        }
        if (count[0] == 0) {
            throw noPlatform(null);
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        return platforms;
    }

    private static IllegalStateException noPlatform(CLException cause) {
        return new IllegalStateException("no OpenCL platform found (CL_PLATFORM_NOT_FOUND_KHR: "
                + "the ICD loader lists no driver in /etc/OpenCL/vendors or OCL_ICD_VENDORS); "
                + "install an OpenCL driver such as pocl-opencl-icd", cause);
    }

    private static cl_device_id[] devicesOf(cl_platform_id platform) {
        int[] count = new int[1];
        try {
            CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            if (e.getStatus() == CL_DEVICE_NOT_FOUND) {
                return new cl_device_id[0];
            }
            throw e;
        }
        cl_device_id[] devices = new cl_device_id[count[0]];
        CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
        return devices;
    }

    private static String platformName(cl_platform_id platform) {
        return infoString((size, value, sizeRet) ->
                CL.clGetPlatformInfo(platform, CL_PLATFORM_NAME, size, value, sizeRet));
    }

    private static String deviceString(cl_device_id device, int parameter) {
        return infoString((size, value, sizeRet) ->
                CL.clGetDeviceInfo(device, parameter, size, value, sizeRet));
    }

    /** A {@code clGet*Info} call with its object and parameter bound. */
    private interface InfoQuery {
        void get(long size, Pointer value, long[] sizeRet);
    }

    /** A string-valued {@code clGet*Info} parameter: its size asked first, then its bytes. */
    private static String infoString(InfoQuery query) {
        long[] size = new long[1];
        query.get(0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        query.get(bytes.length, Pointer.to(bytes), null);
        return text(bytes);
    }

    private static long deviceLong(cl_device_id device, int parameter) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, parameter, Sizeof.cl_long, Pointer.to(value), null);
        return value[0];
    }

    private static int deviceInt(cl_device_id device, int parameter) {
        int[] value = new int[1];
        CL.clGetDeviceInfo(device, parameter, Sizeof.cl_int, Pointer.to(value), null);
        return value[0];
    }

    private static long deviceSize(cl_device_id device, int parameter) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, parameter, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }

    /** A NUL-terminated C string, trimmed. */
    private static String text(byte[] bytes) {
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8).trim();
    }
}
