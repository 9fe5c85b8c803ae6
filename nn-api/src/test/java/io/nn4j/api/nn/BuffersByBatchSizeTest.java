package io.nn4j.api.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reuse per batch size, and the least recently used size closed when a fifth arrives. */
class BuffersByBatchSizeTest {

    /** Stands for the buffers of one size; remembers whether it was closed. */
    private static final class Buffers implements AutoCloseable {
        final int rows;
        boolean closed;

        Buffers(int rows) {
            this.rows = rows;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void reusesAndEvictsTheLeastRecentlyUsed() {
        List<Buffers> made = new ArrayList<>();
        BuffersByBatchSize<Buffers> cache = new BuffersByBatchSize<>(rows -> {
            Buffers b = new Buffers(rows);
            made.add(b);
            return b;
        });
        Buffers b64 = cache.get(64);
        Buffers b32 = cache.get(32);
        cache.get(1000);
        cache.get(7);
        assertSame(b64, cache.get(64), "a size asked for again gets the same buffers");
        Buffers b5 = cache.get(5);
        assertEquals(5, made.size());
        assertEquals(true, b32.closed, "32 was the least recently used and is closed");
        assertEquals(false, b64.closed);
        assertSame(b5, cache.get(5));
        cache.close();
        assertEquals(true, made.stream().filter(b -> b.rows != 32).allMatch(b -> b.closed));
    }
}
