package io.nn4j.mnist;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file whose header or length is not what was expected; the message names the file. */
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
