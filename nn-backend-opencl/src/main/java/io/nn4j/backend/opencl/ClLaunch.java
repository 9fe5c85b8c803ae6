package io.nn4j.backend.opencl;

import org.jocl.CL;
import org.jocl.Pointer;

/**
 * How every op launches a kernel: sets the kernel's arguments in order, then enqueues it on the
 * device's queue without waiting:
 * {@code launch.kernel(k).mem(x.argument()).ints(n).run1(n, 64)}. Arguments that a kernel
 * object already holds from an earlier launch are not set again ({@link ClKernel}). A launch
 * allocates nothing. Global sizes are rounded up to whole work-groups; kernels check their
 * indices. Not thread-safe: the backend launches under its own lock.
 */
final class ClLaunch {
    private final ClDevice device;
    private final long[] global = new long[3];
    private final long[] local = new long[3];
    private ClKernel kernel;
    private int index;
    private long launches;

    ClLaunch(ClDevice device) {
        this.device = device;
    }

    /** Starts setting the arguments of {@code next}. */
    ClLaunch kernel(ClKernel next) {
        kernel = next;
        index = 0;
        return this;
    }

    /** The next argument: a buffer, given as its argument pointer ({@link ClTensor#argument}). */
    ClLaunch mem(Pointer buffer) {
        kernel.argBuffer(index++, buffer);
        return this;
    }

    /** The next argument: an int. */
    ClLaunch ints(int value) {
        kernel.argInt(index++, value);
        return this;
    }

    /** The next argument: a float. */
    ClLaunch floats(float value) {
        kernel.argFloat(index++, value);
        return this;
    }

    /** Enqueues a 1-D range of at least {@code size} work-items in groups of {@code group}. */
    void run1(long size, int group) {
        global[0] = roundUp(size, group);
        local[0] = group;
        CL.clEnqueueNDRangeKernel(device.queue(), kernel.bind(), 1, null, global, local, 0, null, null);
        launches++;
    }

    /** Enqueues a 2-D range, each dimension rounded up to whole groups. */
    void run2(long size0, int group0, long size1, int group1) {
        run3(size0, group0, size1, group1, 1, 1);
    }

    /** Enqueues a 3-D range, each dimension rounded up to whole groups. */
    void run3(long size0, int group0, long size1, int group1, long size2, int group2) {
        global[0] = roundUp(size0, group0);
        global[1] = roundUp(size1, group1);
        global[2] = roundUp(size2, group2);
        local[0] = group0;
        local[1] = group1;
        local[2] = group2;
        CL.clEnqueueNDRangeKernel(device.queue(), kernel.bind(), 3, null, global, local, 0, null, null);
        launches++;
    }

    /** The kernels enqueued so far ({@link OpenClTraffic}). */
    long launches() {
        return launches;
    }

    private static long roundUp(long size, int group) {
        return (size + group - 1) / group * group;
    }
}
