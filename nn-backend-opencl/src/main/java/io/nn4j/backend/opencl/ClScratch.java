package io.nn4j.backend.opencl;

import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * A device buffer that a GEMM family keeps between calls for its intermediate results (packed
 * operands, partial products). It grows to the largest size asked for and is then reused, so a
 * warm training step allocates nothing. Not thread-safe: the backend calls it under its lock.
 */
final class ClScratch implements AutoCloseable {
    private final ClBuffers buffers;
    private final String what;
    private cl_mem buffer;
    private Pointer argument;
    private long bytes;

    /** A scratch from {@code buffers}, named {@code what} in allocation errors. */
    ClScratch(ClBuffers buffers, String what) {
        this.buffers = buffers;
        this.what = what;
    }

    /**
     * The buffer, grown to at least {@code wanted} bytes, as a kernel argument. Its contents
     * are undefined after growing.
     *
     * @throws OpenClException when the device cannot hold it (the old buffer is kept)
     */
    Pointer atLeast(long wanted) {
        if (wanted > bytes) {
            cl_mem grown = buffers.allocate(wanted, what);
            if (buffer != null) {
                buffers.release(buffer);
            }
            buffer = grown;
            argument = Pointer.to(grown);
            bytes = wanted;
        }
        return argument;
    }

    /** The buffer as {@link #atLeast} last grew it (null before), to write into. */
    cl_mem buffer() {
        return buffer;
    }

    /** Frees the buffer; a later call to {@link #atLeast} allocates again. */
    @Override
    public void close() {
        if (buffer != null) {
            buffers.release(buffer);
            buffer = null;
            argument = null;
            bytes = 0;
        }
    }
}
