package io.nn4j.api.spi;

import java.util.Objects;

/**
 * Whether a backend can be opened on this machine, and if not, why.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param available whether {@link BackendProvider#create(BackendOptions)} is expected to work
 * @param reason    a human-readable reason: what was found, or what is missing and how to fix it
 * @param cause     the failure behind an unavailable backend, or {@code null}
 */
public record Availability(boolean available, String reason, Throwable cause) {

    /** Checks that a reason is given. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    /** An available backend, with a note on what it found (e.g. the device). */
    public static Availability available(String details) {
        return new Availability(true, details, null);
    }

    /** An unavailable backend with the reason and the failure behind it (may be null). */
    public static Availability unavailable(String reason, Throwable cause) {
        return new Availability(false, reason, cause);
    }
}
