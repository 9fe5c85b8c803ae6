package io.nn4j.mnist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An IDX file that cannot be read as one: a bad header, a length that does not match it, corrupt
 * gzip data, or a directory; the message names the file. Immutable once thrown.
 */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A format error in {@code file}: {@code problem} says what was found and what was expected. */
    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** A format error in {@code file} raised by a lower-level read failure. */
    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
