package io.nn4j.backend.opencl;

import java.util.Arrays;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/**
 * One kernel of a built program, and the argument values last set on it. OpenCL keeps a
 * kernel's arguments from one launch to the next, so an argument is set only when its value
 * changed. In a training step most launches repeat their last buffers and sizes, and each
 * {@code clSetKernelArg} costs 0.4 to 0.6 µs through JOCL on PoCL. Setting an argument
 * allocates nothing. Not thread-safe: the backend launches under its own lock.
 */
final class ClKernel {
    /** Marks a scalar argument never set: int and float bits fit in 32 bits, this does not. */
    private static final long UNSET = Long.MIN_VALUE;

    private final cl_kernel handle;
    private final Pointer[] buffers;
    private final long[] scalars;
    private final int[] intValue = new int[1];
    private final float[] floatValue = new float[1];
    private final Pointer intArgument = Pointer.to(intValue);
    private final Pointer floatArgument = Pointer.to(floatValue);

    /** Wraps {@code handle}, a kernel of {@code arguments} arguments. */
    ClKernel(cl_kernel handle, int arguments) {
        this.handle = handle;
        this.buffers = new Pointer[arguments];
        this.scalars = new long[arguments];
        Arrays.fill(scalars, UNSET);
    }

    /** The kernel, for enqueueing and releasing. */
    cl_kernel handle() {
        return handle;
    }

    /**
     * Sets argument {@code index} to a buffer, given as its argument pointer
     * ({@link ClTensor#argument}), unless it holds that pointer already. A buffer's pointer is
     * made once and never retargeted, so the same pointer means the same buffer.
     */
    void setBuffer(int index, Pointer buffer) {
        if (buffers[index] != buffer) {
            CL.clSetKernelArg(handle, index, Sizeof.cl_mem, buffer);
            buffers[index] = buffer;
        }
    }

    /** Sets argument {@code index} to an int, unless it holds that value already. */
    void setInt(int index, int value) {
        long bits = value & 0xFFFF_FFFFL;
        if (scalars[index] != bits) {
            intValue[0] = value;
            CL.clSetKernelArg(handle, index, Sizeof.cl_int, intArgument);
            scalars[index] = bits;
        }
    }

    /** Sets argument {@code index} to a float, unless it holds the same bits already. */
    void setFloat(int index, float value) {
        long bits = Float.floatToRawIntBits(value) & 0xFFFF_FFFFL;
        if (scalars[index] != bits) {
            floatValue[0] = value;
            CL.clSetKernelArg(handle, index, Sizeof.cl_float, floatArgument);
            scalars[index] = bits;
        }
    }
}
