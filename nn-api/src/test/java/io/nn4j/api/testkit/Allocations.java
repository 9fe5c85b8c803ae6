package io.nn4j.api.testkit;

import java.lang.management.ManagementFactory;

/**
 * What a piece of code allocates on the heap of the calling thread: how the loaders' tests show
 * that a large file is refused without being read into memory. Stateless; safe to use from any
 * thread, each measuring its own allocations.
 */
public final class Allocations {

    private Allocations() {
    }

    /**
     * The heap bytes this thread allocated while {@code action} ran.
     *
     * @param action what to measure; it runs once, on this thread
     * @return the bytes allocated, as the JVM's thread allocation counter reports them
     */
    public static long allocatedBytes(Runnable action) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
