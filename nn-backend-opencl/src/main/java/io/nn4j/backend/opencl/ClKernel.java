package io.nn4j.backend.opencl;

import java.util.Arrays;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * One kernel of a built program, held as up to {@value #MAX_INSTANCES} OpenCL kernel objects
 * that each keep the arguments last set on them. A launch first states all its arguments, then
 * {@link #bind} picks the object that already holds them, or the one that differs least, and
 * sets only the arguments that differ.
 *
 * <p>OpenCL keeps a kernel object's arguments from one launch to the next. A training step
 * launches the same kernel for each layer with that layer's buffers and sizes, and the next
 * step repeats them, so with one object per layer a warm step sets almost no argument (what
 * each {@code clSetKernelArg} costs is in {@code docs/benchmarks.md}). A new object is made
 * only while no object holds a launch's arguments and fewer than {@value #MAX_INSTANCES}
 * exist, so a warm step allocates nothing. Not thread-safe: the backend launches under its own
 * lock.
 */
final class ClKernel implements AutoCloseable {
    /** Kernel objects per kernel: more than the distinct argument sets a layer's step uses. */
    static final int MAX_INSTANCES = 8;

    private final cl_program program;
    private final String name;
    private final Instance[] instances = new Instance[MAX_INSTANCES];
    private int instanceCount;
    /** The arguments stated for the next launch. */
    private final Pointer[] statedBuffers;
    private final long[] statedScalars;

    /**
     * The kernel {@code name} of {@code program}, whose first object {@code first} has
     * {@code arguments} arguments.
     */
    ClKernel(cl_program program, String name, cl_kernel first, int arguments) {
        this.program = program;
        this.name = name;
        this.statedBuffers = new Pointer[arguments];
        this.statedScalars = new long[arguments];
        instances[instanceCount++] = new Instance(first, arguments);
    }

    /**
     * States argument {@code index} of the next launch: a buffer, given as its argument pointer
     * ({@link ClTensor#argument}). A buffer's pointer is made once and never retargeted, so the
     * same pointer means the same buffer.
     */
    void argBuffer(int index, Pointer buffer) {
        statedBuffers[index] = buffer;
    }

    /** States argument {@code index} of the next launch: an int. */
    void argInt(int index, int value) {
        statedScalars[index] = Instance.intBits(value);
    }

    /** States argument {@code index} of the next launch: a float. */
    void argFloat(int index, float value) {
        statedScalars[index] = Instance.floatBits(value);
    }

    /**
     * A kernel object holding every argument stated since the last launch: one that holds them
     * all already, else a new one while fewer than {@value #MAX_INSTANCES} exist, else the one
     * that differs in the fewest.
     */
    cl_kernel bind() {
        Instance chosen = null;
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < instanceCount && fewest > 0; i++) {
            int differing = instances[i].differences(statedBuffers, statedScalars);
            if (differing < fewest) {
                chosen = instances[i];
                fewest = differing;
            }
        }
        if (fewest > 0 && instanceCount < MAX_INSTANCES) {
            chosen = new Instance(create(), statedBuffers.length);
            instances[instanceCount++] = chosen;
        }
        chosen.set(statedBuffers, statedScalars);
        return chosen.handle;
    }

    private cl_kernel create() {
        try {
            return CL.clCreateKernel(program, name, null);
        } catch (CLException e) {
            throw new OpenClException("creating another object of kernel '" + name + "': "
                    + CL.stringFor_errorCode(e.getStatus()), e);
        }
    }

    /** Releases every kernel object. */
    @Override
    public void close() {
        for (int i = 0; i < instanceCount; i++) {
            CL.clReleaseKernel(instances[i].handle);
            instances[i] = null;
        }
        instanceCount = 0;
    }

    /** One kernel object and the argument values set on it. */
    private static final class Instance {
        /** A scalar never set: int and float bits fit in 32 bits, this does not. */
        private static final long UNSET = Long.MIN_VALUE;
        /** Marks the bits of a float, so that an int and a float never compare equal. */
        private static final long FLOAT = 1L << 32;

        private final cl_kernel handle;
        private final Pointer[] buffers;
        private final long[] scalars;
        private final int[] intValue = new int[1];
        private final float[] floatValue = new float[1];
        private final Pointer intArgument = Pointer.to(intValue);
        private final Pointer floatArgument = Pointer.to(floatValue);

        Instance(cl_kernel handle, int arguments) {
            this.handle = handle;
            this.buffers = new Pointer[arguments];
            this.scalars = new long[arguments];
            Arrays.fill(scalars, UNSET);
        }

        static long intBits(int value) {
            return value & 0xFFFF_FFFFL;
        }

        static long floatBits(float value) {
            return FLOAT | (Float.floatToRawIntBits(value) & 0xFFFF_FFFFL);
        }

        /** How many of the stated arguments this object does not hold. */
        int differences(Pointer[] wantedBuffers, long[] wantedScalars) {
            int differing = 0;
            for (int i = 0; i < buffers.length; i++) {
                if (wantedBuffers[i] != null ? wantedBuffers[i] != buffers[i]
                        : wantedScalars[i] != scalars[i]) {
                    differing++;
                }
            }
            return differing;
        }

        /** Sets the stated arguments that this object does not hold. */
        void set(Pointer[] wantedBuffers, long[] wantedScalars) {
            for (int i = 0; i < buffers.length; i++) {
                Pointer buffer = wantedBuffers[i];
                if (buffer != null) {
                    if (buffer != buffers[i]) {
                        CL.clSetKernelArg(handle, i, Sizeof.cl_mem, buffer);
                        buffers[i] = buffer;
                    }
                } else if (wantedScalars[i] != scalars[i]) {
                    setScalar(i, wantedScalars[i]);
                }
            }
        }

        private void setScalar(int index, long bits) {
            if ((bits & FLOAT) != 0) {
                floatValue[0] = Float.intBitsToFloat((int) bits);
                CL.clSetKernelArg(handle, index, Sizeof.cl_float, floatArgument);
            } else {
                intValue[0] = (int) bits;
                CL.clSetKernelArg(handle, index, Sizeof.cl_int, intArgument);
            }
            scalars[index] = bits;
        }
    }
}
