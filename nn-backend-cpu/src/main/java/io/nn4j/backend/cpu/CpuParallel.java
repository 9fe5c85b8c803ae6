package io.nn4j.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a large loop between the cores: the calling thread runs the first part, parked helper
 * threads the others, and the call returns when all are done. Nothing is allocated per call
 * (the helpers are woken with {@link LockSupport#unpark}), so a warm training step stays
 * allocation-free. Loops below {@link #MIN_WORK} units of work run on the caller alone: waking
 * a helper costs tens of microseconds, and memory-bound loops (ReLU, plain SGD, bias sums) gain
 * nothing from a second core on this class of machine, measured (see docs/benchmarks.md); the
 * loops that pay are those with a transcendental per element (sigmoid, tanh, GeLU, softmax...)
 * and Adam's update.
 *
 * <p>GEMM is not split here: BLAS runs its own threads, and the two never overlap because every
 * op finishes before the next one starts.
 */
final class CpuParallel implements AutoCloseable {
    /** Units of work (elements times their cost) below which a loop stays on one thread. */
    static final int MIN_WORK = 1 << 21;
    /** The cost of an element that is a few loads, stores and arithmetic operations. */
    static final int CHEAP = 1;
    /** The cost of an element with an {@code exp}, {@code tanh} or a square root. */
    static final int TRANSCENDENTAL = 16;

    /** The body of a loop over {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    private final int parts;
    private final Thread[] helpers;
    private final AtomicInteger running = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private volatile Range body;
    private volatile int count;
    private volatile Thread caller;
    private volatile Throwable failure;

    /** A splitter over {@code parts} threads (1: everything on the caller, no helper threads). */
    CpuParallel(int parts) {
        this.parts = Math.max(1, parts);
        this.helpers = new Thread[this.parts - 1];
        for (int i = 0; i < helpers.length; i++) {
            int part = i + 1;
            helpers[i] = new Thread(() -> serve(part), "nn4j-cpu-helper-" + part);
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    /** Number of threads a large loop is split between. */
    int parts() {
        return parts;
    }

    /**
     * Whether {@link #forRange} would split a loop of {@code count} items of
     * {@code workPerItem} each. Callers check it first so that the common, unsplit case calls
     * the loop directly and allocates no lambda.
     */
    boolean splits(int count, int workPerItem) {
        return parts > 1 && (long) count * workPerItem >= MIN_WORK && count >= parts;
    }

    /**
     * Runs {@code body} over {@code [0, count)} in contiguous parts, one per thread, when
     * {@code count × workPerItem} reaches {@link #MIN_WORK}; else on the calling thread.
     * {@code workPerItem} is the cost of one item in units of {@link #CHEAP} elements.
     */
    synchronized void forRange(int count, int workPerItem, Range body) {
        if (!splits(count, workPerItem)) {
            body.run(0, count);
            return;
        }
        this.body = body;
        this.count = count;
        this.caller = Thread.currentThread();
        this.failure = null;
        running.set(helpers.length);
        generation++;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        body.run(0, bound(1));
        while (running.get() != 0) {
            LockSupport.park(this);
        }
        if (failure != null) {
            throw new IllegalStateException("a cpu helper thread failed: " + failure, failure);
        }
    }

    private void serve(int part) {
        long seen = 0;
        while (true) {
            while (generation == seen && !closed) {
                LockSupport.park(this);
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                body.run(bound(part), bound(part + 1));
            } catch (Throwable t) {
                failure = t;
            }
            if (running.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** The first index of part {@code p}, which is where part {@code p − 1} ends. */
    private int bound(int p) {
        return (int) ((long) count * p / parts);
    }

    /** Stops the helper threads. */
    @Override
    public void close() {
        closed = true;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
    }
}
