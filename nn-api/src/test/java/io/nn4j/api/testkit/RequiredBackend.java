package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides whether tests of an optional backend run: when the backend is missing or unavailable
 * they fail if the system property {@code nn.<name>.required} is {@code true} (CI sets it, so a
 * missing driver fails the build), and are skipped with the backend's reason otherwise.
 */
public final class RequiredBackend {

    private RequiredBackend() {
    }

    /** Returns if backend {@code name} can be opened here; otherwise fails or skips the test. */
    public static void check(String name) {
        BackendStatus status = Backends.list().stream().filter(s -> s.name().equals(name))
                .findFirst().orElse(null);
        if (status != null && status.availability().available()) {
            return;
        }
        String property = "nn." + name + ".required";
        String message = status == null ? "no backend named '" + name + "' is on the class path"
                : name + " is unavailable: " + status.availability().reason();
        if (Boolean.getBoolean(property)) {
            fail(message + " (" + property + "=true)",
                    status == null ? null : status.availability().cause());
        }
        Assumptions.abort(message);
    }
}
