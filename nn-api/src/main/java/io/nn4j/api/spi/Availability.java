package io.nn4j.api.spi;

import java.util.Objects;

/**
 * A provider's answer to {@link BackendProvider#probe(BackendOptions)}: whether its backend can
 * be opened here with the given options, why not if it cannot, and its priority.
 *
 * <p>The priority travels with the answer because it may depend on what the probe found (the
 * OpenCL backend ranks above the cpu backend only when it found a GPU).
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param available whether {@link BackendProvider#create(BackendOptions)} is expected to work
 * @param priority  the order in which {@link io.nn4j.api.Backends#load()} prefers available
 *                  backends: higher wins; the cpu backend has 10
 * @param reason    a human-readable reason: what was found, or what is missing and how to fix it
 * @param cause     the failure behind an unavailable backend, or {@code null}
 */
public record Availability(boolean available, int priority, String reason, Throwable cause) {

    /**
     * Checks that a reason is given.
     *
     * @param available whether the backend can be opened
     * @param priority the preference order, higher first
     * @param reason what the probe found, or why the backend is unavailable; not null
     * @param cause the failure behind an unavailable backend, or {@code null}
     */
    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * An available backend of {@code priority}, with a note on what it found (the device).
     *
     * @param priority the preference order, higher first
     * @param details what the probe found, e.g. the device
     * @return an available result
     */
    public static Availability available(int priority, String details) {
        return new Availability(true, priority, details, null);
    }

    /**
     * An unavailable backend, with the reason and the failure behind it (may be null).
     *
     * @param priority the preference order it would have had
     * @param reason why it cannot be opened
     * @param cause the failure behind it, or {@code null}
     * @return an unavailable result
     */
    public static Availability unavailable(int priority, String reason, Throwable cause) {
        return new Availability(false, priority, reason, cause);
    }
}
