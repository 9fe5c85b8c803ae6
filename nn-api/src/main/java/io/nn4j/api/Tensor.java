package io.nn4j.api;

/**
 * A float32 buffer of a known {@link Shape}, owned by the {@link Backend} that made it.
 *
 * <p>Its data lives wherever the backend keeps it (the Java heap, a GPU). Read it with
 * {@link Backend#toArray(Tensor)}; write it with {@link Backend#copyIn(float[], int, Tensor)}.
 * A tensor is freed when it is closed, never by the garbage collector; whoever made it closes it.
 *
 * <p>Threads: ops of its backend may read a tensor from several threads at once; while one thread
 * writes or closes it, no other may use it.
 */
public interface Tensor extends AutoCloseable {

    /**
     * The tensor's shape.
     *
     * @return the shape, the same for the tensor's whole life
     */
    Shape shape();

    /**
     * The backend that made this tensor and whose ops may use it.
     *
     * @return the owning backend
     */
    Backend backend();

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    boolean isClosed();

    /** Frees the tensor's memory. Closing twice is harmless; using a closed tensor is an error. */
    @Override
    void close();
}
