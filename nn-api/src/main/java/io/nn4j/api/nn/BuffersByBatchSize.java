package io.nn4j.api.nn;

import java.util.function.IntFunction;

/**
 * Work buffers kept per batch size, so that alternating sizes (the short last batch of an epoch,
 * a larger evaluation batch) reuse their buffers instead of reallocating every time.
 *
 * <p>At most {@value #CAPACITY} sizes are kept; making a further one closes the least recently
 * used. Looking a size up allocates nothing (no boxed keys), so a warm step stays
 * allocation-free.
 *
 * <p>Not safe to share between threads: it belongs to one training loop or layer, as its buffers
 * do.
 *
 * @param <T> the buffers of one batch size, freed by {@link AutoCloseable#close()}
 */
public final class BuffersByBatchSize<T extends AutoCloseable> implements AutoCloseable {
    /** How many batch sizes are kept at once. */
    public static final int CAPACITY = 4;

    private final int[] rows = new int[CAPACITY];
    private final Object[] buffers = new Object[CAPACITY];
    private final long[] lastUse = new long[CAPACITY];
    private final IntFunction<T> factory;
    private long uses;

    /**
     * A cache that makes the buffers of a batch size with {@code factory}.
     *
     * @param factory makes the buffers for a number of rows
     */
    public BuffersByBatchSize(IntFunction<T> factory) {
        this.factory = factory;
    }

    /**
     * The buffers for {@code rows} examples, made on first use.
     *
     * @param rows the batch size
     * @return the cached buffers for that batch size (another's may be closed to make room)
     */
    @SuppressWarnings("unchecked")
    public T get(int rows) {
        for (int i = 0; i < CAPACITY; i++) {
            if (buffers[i] != null && this.rows[i] == rows) {
                lastUse[i] = ++uses;
                return (T) buffers[i];
            }
        }
        int slot = 0;
        for (int i = 0; i < CAPACITY; i++) {
            if (buffers[i] == null) {
                slot = i;
                break;
            }
            if (lastUse[i] < lastUse[slot]) {
                slot = i;
            }
        }
        if (buffers[slot] != null) {
            closeQuietly((AutoCloseable) buffers[slot]);
        }
        T made = factory.apply(rows);
        this.rows[slot] = rows;
        buffers[slot] = made;
        lastUse[slot] = ++uses;
        return made;
    }

    /** Frees every kept buffer set. */
    @Override
    public void close() {
        for (int i = 0; i < CAPACITY; i++) {
            if (buffers[i] != null) {
                closeQuietly((AutoCloseable) buffers[i]);
                buffers[i] = null;
            }
        }
    }

    private static void closeQuietly(AutoCloseable buffers) {
        try {
            buffers.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing work buffers failed", e);
        }
    }
}
