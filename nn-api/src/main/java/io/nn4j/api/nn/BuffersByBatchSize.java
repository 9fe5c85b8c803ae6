package io.nn4j.api.nn;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Work buffers kept per batch size, so that alternating sizes (the short last batch of an epoch,
 * a larger evaluation batch) reuse their buffers instead of reallocating every time.
 *
 * <p>At most {@value #CAPACITY} sizes are kept; making a further one closes the least recently
 * used.
 *
 * @param <T> the buffers of one batch size, freed by {@link AutoCloseable#close()}
 */
public final class BuffersByBatchSize<T extends AutoCloseable> implements AutoCloseable {
    /** How many batch sizes are kept at once. */
    public static final int CAPACITY = 4;

    private final Map<Integer, T> bySize = new LinkedHashMap<>(8, 0.75f, true);
    private final IntFunction<T> factory;

    /** A cache that makes the buffers of a batch size with {@code factory}. */
    public BuffersByBatchSize(IntFunction<T> factory) {
        this.factory = factory;
    }

    /** The buffers for {@code rows} examples, made on first use. */
    public T get(int rows) {
        T buffers = bySize.get(rows);
        if (buffers == null) {
            if (bySize.size() == CAPACITY) {
                Iterator<T> eldest = bySize.values().iterator();
                closeQuietly(eldest.next());
                eldest.remove();
            }
            buffers = factory.apply(rows);
            bySize.put(rows, buffers);
        }
        return buffers;
    }

    /** Frees every kept buffer set. */
    @Override
    public void close() {
        bySize.values().forEach(BuffersByBatchSize::closeQuietly);
        bySize.clear();
    }

    private static void closeQuietly(AutoCloseable buffers) {
        try {
            buffers.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing work buffers failed", e);
        }
    }
}
