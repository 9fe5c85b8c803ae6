package io.nn4j.backend.opencl;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/** A tensor of the {@link OpenClBackend}: one device buffer of {@code shape.size()} floats. */
final class ClTensor implements Tensor {
    private final OpenClBackend backend;
    private final ClBuffers buffers;
    private final Shape shape;
    private final Pointer argument;
    private volatile cl_mem mem;

    ClTensor(OpenClBackend backend, ClBuffers buffers, Shape shape, cl_mem mem) {
        this.backend = backend;
        this.buffers = buffers;
        this.shape = shape;
        this.mem = mem;
        this.argument = Pointer.to(mem);
    }

    /** The device buffer; only called after {@link io.nn4j.api.spi.CheckedBackend} found it open. */
    cl_mem mem() {
        return mem;
    }

    /**
     * The buffer as a kernel argument ({@code clSetKernelArg}'s value), made once so that a
     * launch allocates nothing; only used while the tensor is open.
     */
    Pointer argument() {
        return argument;
    }

    /** The buffer's size in bytes. */
    long bytes() {
        return (long) shape.size() * Float.BYTES;
    }

    /** Marks the tensor closed and hands back its buffer (null when already closed). */
    cl_mem detach() {
        cl_mem old = mem;
        mem = null;
        return old;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public boolean isClosed() {
        return mem == null;
    }

    @Override
    public void close() {
        buffers.release(this);
    }

    @Override
    public String toString() {
        return "ClTensor" + shape + (isClosed() ? " (closed)" : "");
    }
}
