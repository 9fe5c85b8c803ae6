package io.nn4j.api;

import io.nn4j.api.spi.Availability;

/**
 * One discovered backend as {@link Backends#list()} reports it.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param name         the name to select it by
 * @param availability what its probe said: whether it can be opened here, why not, its priority
 */
public record BackendStatus(String name, Availability availability) {

    /**
     * Its preference order, higher first, as its probe gave it.
     *
     * @return {@code availability().priority()}
     */
    public int priority() {
        return availability.priority();
    }

    /** {@code name (priority p): available, details} or {@code ...: unavailable, reason}. */
    @Override
    public String toString() {
        return name + " (priority " + priority() + "): "
                + (availability.available() ? "available, " : "unavailable, ")
                + availability.reason();
    }
}
