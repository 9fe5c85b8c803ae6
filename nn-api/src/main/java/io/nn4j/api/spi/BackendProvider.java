package io.nn4j.api.spi;

import io.nn4j.api.Backend;

/**
 * The {@link java.util.ServiceLoader} entry point of a backend: cheap to discover, opened on
 * demand.
 *
 * <p>Constructors and {@link #name()} do no work, and nothing happens in a static initializer.
 * {@link #probe(BackendOptions)} reads and reports: it makes the cheap checks (is the native
 * library there, is there a device), changes nothing (no files written, no system property
 * set, no state that changes what another method returns) and never throws: it must catch
 * {@link Throwable}, since native loading fails with an {@link Error}, and keep it as the cause.
 * {@link #create(BackendOptions)} does the real work. Both get the same options from
 * {@link io.nn4j.api.Backends}. {@link #priorityBound(BackendOptions)}, cheaper still, lets the
 * default choice skip a probe that could only answer a priority below a backend it has already
 * found available. Register an implementation in
 * {@code META-INF/services/io.nn4j.api.spi.BackendProvider}.
 *
 * <p>Threads: implementations must be safe to share; {@link io.nn4j.api.Backends} may call them
 * from any thread.
 */
public interface BackendProvider {

    /**
     * The name users select this backend by, e.g. {@code cpu}. Lower case, no spaces.
     *
     * @return the backend's name
     */
    String name();

    /**
     * Whether this backend can be opened here with {@code options}, why not if it cannot, and
     * its priority. Changes nothing; never throws.
     *
     * @param options the options the backend would be opened with
     * @return whether it is available, its priority and the reason
     */
    Availability probe(BackendOptions options);

    /**
     * The highest priority {@link #probe(BackendOptions)} could answer here with
     * {@code options}, found cheaply: from a look at the system (a file or two), without
     * loading native code or opening a device. It must never be below what the probe answers;
     * when in doubt, answer higher. {@link io.nn4j.api.Backends#load()} does not probe a
     * provider whose bound is below the priority of an available backend it has already
     * probed. Never throws ({@code Backends} treats a throw as {@link Integer#MAX_VALUE}).
     *
     * <p>The default has no bound, so the provider is always probed.
     *
     * @param options the options the backend would be probed and opened with
     * @return an upper bound on the priority its probe answers; {@link Integer#MAX_VALUE} for
     *         none
     */
    default int priorityBound(BackendOptions options) {
        return Integer.MAX_VALUE;
    }

    /**
     * Opens the backend. The caller closes it.
     *
     * @param options the options to open it with
     * @return the open backend
     * @throws RuntimeException with the root cause attached when opening fails
     */
    Backend create(BackendOptions options);
}
