package io.nn4j.api;

import io.nn4j.api.spi.Availability;

/**
 * One discovered backend as {@link Backends#list()} reports it.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param name         the name to select it by
 * @param priority     its preference order, higher first
 * @param availability whether it can be opened here, and why not
 */
public record BackendStatus(String name, int priority, Availability availability) {

    /** {@code name (priority p): available, details} or {@code ...: unavailable, reason}. */
    @Override
    public String toString() {
        return name + " (priority " + priority + "): "
                + (availability.available() ? "available, " : "unavailable, ")
                + availability.reason();
    }
}
