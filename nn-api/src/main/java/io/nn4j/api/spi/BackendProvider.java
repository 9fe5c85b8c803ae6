package io.nn4j.api.spi;

import io.nn4j.api.Backend;

/**
 * The {@link java.util.ServiceLoader} entry point of a backend: cheap to discover, opened on
 * demand.
 *
 * <p>Constructors, {@link #name()} and {@link #priority()} do no work. {@link #probe()} does the
 * cheap checks (is the native library there, is there a device) and reports instead of
 * throwing: it must catch {@link Throwable}, since native loading fails with an {@link Error}.
 * {@link #create(BackendOptions)} does the real work. Nothing happens in a static initializer.
 * Register an implementation in {@code META-INF/services/io.nn4j.api.spi.BackendProvider}.
 *
 * <p>Threads: implementations must be safe to share; {@link io.nn4j.api.Backends} may call them
 * from any thread.
 */
public interface BackendProvider {

    /** The name users select this backend by, e.g. {@code cpu}. Lower case, no spaces. */
    String name();

    /**
     * The order in which {@link io.nn4j.api.Backends#load()} prefers available backends:
     * higher wins. The CPU backend has 10.
     */
    int priority();

    /** Whether this backend can be opened here, and why not if it cannot. Never throws. */
    Availability probe();

    /**
     * Opens the backend. The caller closes it.
     *
     * @throws RuntimeException with the root cause attached when opening fails
     */
    Backend create(BackendOptions options);
}
