package io.nn4j.api.spi;

import io.nn4j.api.KeptRows;
import io.nn4j.api.Tensor;
import java.util.Objects;

/**
 * The base of a backend's {@link KeptRows}, as {@link CheckedBackend} is of a backend: its
 * methods are final, refuse closed rows or a closed backend, check their arguments (an order
 * index that names no example, tensors of another backend or of the wrong shape) and then run
 * the backend's own {@code do} method, whose failure passes through the backend's
 * {@code failed}.
 *
 * <p>Threads: as {@link KeptRows}, one thread's at a time.
 */
public abstract class CheckedKeptRows implements KeptRows {
    private final CheckedBackend backend;
    private final int size;
    private final int featureCount;
    private final int targetCount;
    private int orderLength = -1;
    private boolean closed;

    /**
     * Rows of {@code backend}: {@code size} examples of {@code featureCount} features and
     * {@code targetCount} targets.
     *
     * @param backend      the backend keeping them
     * @param size         the examples, at least 1
     * @param featureCount the features per example, at least 1
     * @param targetCount  the targets per example, at least 1
     */
    protected CheckedKeptRows(CheckedBackend backend, int size, int featureCount,
                              int targetCount) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.size = size;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final int featureCount() {
        return featureCount;
    }

    @Override
    public final int targetCount() {
        return targetCount;
    }

    @Override
    public final void order(int[] order) {
        checkOpen("order");
        Objects.requireNonNull(order, "KeptRows.order: order");
        if (order.length == 0) {
            throw new IllegalArgumentException("KeptRows.order: the order is empty");
        }
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0 || order[i] >= size) {
                throw new IllegalArgumentException("KeptRows.order: order[" + i + "] is "
                        + order[i] + "; expected an example in [0, " + size + ")");
            }
        }
        try {
            doOrder(order);
        } catch (RuntimeException e) {
            throw backend.failed("KeptRows.order", e);
        }
        orderLength = order.length;
    }

    @Override
    public final void gather(int from, Tensor features, Tensor targets) {
        checkOpen("gather");
        OpChecks.owned(backend, "KeptRows.gather", "features", features);
        OpChecks.owned(backend, "KeptRows.gather", "targets", targets);
        int m = features.shape().rows();
        if (features.shape().cols() != featureCount || targets.shape().rows() != m
                || targets.shape().cols() != targetCount) {
            throw new IllegalArgumentException("KeptRows.gather: features are "
                    + features.shape() + " and targets " + targets.shape() + "; expected [m, "
                    + featureCount + "] and [m, " + targetCount + "]");
        }
        if (orderLength < 0) {
            throw new IllegalStateException("KeptRows.gather: no order was uploaded yet");
        }
        if (from < 0 || (long) from + m > orderLength) {
            throw new IllegalArgumentException("KeptRows.gather: the order has " + orderLength
                    + " positions; expected at least " + ((long) from + m) + " to gather " + m
                    + " rows from position " + from);
        }
        try {
            doGather(from, features, targets);
        } catch (RuntimeException e) {
            throw backend.failed("KeptRows.gather", e, features, targets);
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /**
     * Whether {@link #close()} was called or the backend closed.
     *
     * @return true once these rows can no longer be used
     */
    protected final boolean isClosed() {
        return closed || backend.isClosed();
    }

    private void checkOpen(String op) {
        if (isClosed()) {
            throw new IllegalStateException("KeptRows." + op + ": "
                    + (closed ? "the rows have" : "the " + backend.name() + " backend has")
                    + " been closed");
        }
    }

    /**
     * {@link #order}, checked: every index names an example.
     *
     * @param order the example indices
     */
    protected abstract void doOrder(int[] order);

    /**
     * {@link #gather}, checked: the tensors are the backend's, open, {@code [m, featureCount()]}
     * and {@code [m, targetCount()]} (a vector read as one row), and the last order has
     * {@code m} positions from {@code from}.
     *
     * @param from     the position in the order of the first example
     * @param features the feature rows, written
     * @param targets  the target rows, written
     */
    protected abstract void doGather(int from, Tensor features, Tensor targets);

    /** Frees what the rows hold; called once, by {@link #close()}. */
    protected abstract void release();
}
