package io.nn4j.backend.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;

import io.nn4j.api.MemoryStats;
import io.nn4j.api.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * Device memory: allocates buffers (checked against the device's largest allocation), copies
 * between host arrays and buffers, and counts the live tensors and their bytes. Every buffer is
 * released explicitly, never by the garbage collector.
 */
final class ClBuffers implements AutoCloseable {
    private final ClDevice device;
    private final Set<ClTensor> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private long liveBytes;
    private long writes;
    private long writtenBytes;

    ClBuffers(ClDevice device) {
        this.device = device;
    }

    /**
     * A new, counted tensor buffer of {@code shape}. Its contents are undefined.
     *
     * @throws OpenClException when the device cannot hold it
     */
    synchronized ClTensor tensor(OpenClBackend backend, Shape shape) {
        ClTensor tensor = new ClTensor(backend, this, shape,
                allocate((long) shape.size() * Float.BYTES, "a tensor " + shape));
        live.add(tensor);
        liveBytes += tensor.bytes();
        return tensor;
    }

    /**
     * A raw buffer of {@code bytes}, not counted as a tensor (the backend's own scratch).
     * Release it with {@link #release(cl_mem)}.
     *
     * @param what what the buffer is for, for messages
     * @throws OpenClException saying how much was asked and what the device allows
     */
    cl_mem allocate(long bytes, String what) {
        ClDeviceInfo info = device.info();
        if (bytes > info.maxAllocBytes()) {
            throw new OpenClException("cannot allocate " + what + " of " + bytes + " bytes ("
                    + ClDeviceInfo.bytes(bytes) + ") on OpenCL device '" + info.fullName()
                    + "': larger than its maximum allocation (CL_DEVICE_MAX_MEM_ALLOC_SIZE) of "
                    + info.maxAllocBytes() + " bytes (" + ClDeviceInfo.bytes(info.maxAllocBytes())
                    + ")", null);
        }
        try {
            return CL.clCreateBuffer(device.context(), CL_MEM_READ_WRITE, bytes, null, null);
        } catch (CLException e) {
            throw new OpenClException("cannot allocate " + what + " of " + bytes + " bytes ("
                    + ClDeviceInfo.bytes(bytes) + ") on OpenCL device '" + info.fullName()
                    + "': " + CL.stringFor_errorCode(e.getStatus()) + "; the device has "
                    + ClDeviceInfo.bytes(info.globalMemBytes()) + " of memory, of which live "
                    + "tensors hold " + ClDeviceInfo.bytes(liveBytesNow()), e);
        }
    }

    /** Releases a raw buffer from {@link #allocate(long, String)}. */
    void release(cl_mem mem) {
        CL.clReleaseMemObject(mem);
    }

    /** Closes {@code tensor}: releases its buffer and stops counting it. Idempotent. */
    synchronized void release(ClTensor tensor) {
        cl_mem mem = tensor.detach();
        if (mem != null) {
            live.remove(tensor);
            liveBytes -= tensor.bytes();
            CL.clReleaseMemObject(mem);
        }
    }

    /** Copies {@code dst}'s size of floats from {@code src[offset...]}; returns when done. */
    void write(float[] src, int offset, ClTensor dst) {
        write(Pointer.to(src).withByteOffset((long) offset * Float.BYTES), dst);
    }

    /**
     * Copies {@code dst}'s size of floats from host memory at {@code src}; returns when done.
     * A caller that writes from the same array again keeps its pointer and allocates nothing.
     */
    void write(Pointer src, ClTensor dst) {
        write(src, dst.mem(), dst.bytes());
    }

    /**
     * Copies {@code bytes} from host memory at {@code src} into the start of {@code dst};
     * returns when done. Every write from the host goes through here and is counted.
     */
    void write(Pointer src, cl_mem dst, long bytes) {
        CL.clEnqueueWriteBuffer(device.queue(), dst, CL_TRUE, 0, bytes, src, 0, null, null);
        writes++;
        writtenBytes += bytes;
    }

    /** The writes from the host so far and their bytes, as an {@link OpenClTraffic}. */
    OpenClTraffic traffic(long launches) {
        return new OpenClTraffic(launches, writes, writtenBytes);
    }

    /** Copies all of {@code src} into {@code dst[offset...]} after the queued work. */
    void read(ClTensor src, float[] dst, int offset) {
        CL.clEnqueueReadBuffer(device.queue(), src.mem(), CL_TRUE, 0, src.bytes(),
                Pointer.to(dst).withByteOffset((long) offset * Float.BYTES), 0, null, null);
    }

    /** Queues {@code dst = src} (same size). */
    void copy(ClTensor src, ClTensor dst) {
        CL.clEnqueueCopyBuffer(device.queue(), src.mem(), dst.mem(), 0, 0, src.bytes(), 0, null,
                null);
    }

    /** The live tensors and their bytes. */
    synchronized MemoryStats memory() {
        return new MemoryStats(live.size(), liveBytes);
    }

    private synchronized long liveBytesNow() {
        return liveBytes;
    }

    /** Closes every tensor still open. */
    @Override
    public synchronized void close() {
        new ArrayList<>(live).forEach(this::release);
    }
}
