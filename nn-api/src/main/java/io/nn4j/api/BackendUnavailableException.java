package io.nn4j.api;

/**
 * Thrown when the asked-for backend is missing or cannot be opened. The message lists every
 * discovered backend with its priority and the reason it is or is not available; the failure
 * behind it, if any, is the cause.
 *
 * <p>Threads: as any exception, safe to pass between threads once thrown.
 */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the full message and the underlying failure (may be null).
     *
     * @param message what failed, with every discovered backend and why it is (not) available
     * @param cause the failure behind it, or {@code null}
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
