package io.nn4j.backend.opencl;

/**
 * A failure on the OpenCL device: a kernel that does not build (the message holds the
 * compiler's build log), an allocation the device refuses (the message says how much was asked
 * and what the device allows), or an OpenCL call that returns an error (the message names the
 * op, its shapes, the device and the OpenCL status).
 *
 * <p>Threads: as any exception, safe to pass between threads once thrown.
 */
public class OpenClException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the full message and the failure behind it (may be null).
     *
     * @param message what failed
     * @param cause the failure behind it, or {@code null}
     */
    public OpenClException(String message, Throwable cause) {
        super(message, cause);
    }
}
