package io.nn4j.api;

/**
 * A data set's rows kept in a backend's memory ({@link Backend#keepRows}): uploaded once, so
 * that each batch is gathered where the tensors live instead of being copied from the host.
 * The visiting order is uploaded too, once per shuffle ({@link #order}); {@link #gather} then
 * writes the rows it names into a batch's tensors, with exactly the values
 * {@link Backend#copyInRows} would write from the host arrays.
 *
 * <p>The rows hold a copy: the host arrays may change or go once {@link Backend#keepRows}
 * returns. Owned by whoever kept them, and freed by {@link #close()} (or when the backend
 * closes). Threads: one thread's at a time; its calls are not guarded against each other, but
 * may run beside other ops of the backend.
 */
public interface KeptRows extends AutoCloseable {

    /**
     * The examples kept.
     *
     * @return the number of rows, at least 1
     */
    int size();

    /**
     * The features per example.
     *
     * @return the width of a feature row
     */
    int featureCount();

    /**
     * The targets per example.
     *
     * @return the width of a target row
     */
    int targetCount();

    /**
     * Uploads a copy of {@code order}, the example indices {@link #gather} reads batches by
     * (an epoch's shuffle); replaces the previous order. {@code order} may be reused once this
     * returns.
     *
     * @param order example indices, each in {@code [0, size())}
     * @throws IllegalArgumentException when an index names no example (naming it), or the
     *                                  order is empty
     * @throws IllegalStateException    when these rows or their backend are closed
     */
    void order(int[] order);

    /**
     * Writes examples {@code order[from]}, …, {@code order[from + m − 1]} of the last
     * {@link #order} into the {@code m} rows of {@code features} and {@code targets}: for
     * every example its feature row and its target row, in that order. Modifies both tensors.
     *
     * @param from     the position in the order of the first example
     * @param features a tensor {@code [m, featureCount()]} of the keeping backend, written (a
     *                 vector reads as one row)
     * @param targets  a tensor {@code [m, targetCount()]} of the keeping backend, written
     * @throws IllegalArgumentException when the tensors do not fit, or the order has no
     *                                  {@code m} positions from {@code from}
     * @throws IllegalStateException    when no order was uploaded yet, or these rows, their
     *                                  backend or a tensor are closed
     */
    void gather(int from, Tensor features, Tensor targets);

    /** Frees the kept rows and order; harmless the second time. */
    @Override
    void close();
}
