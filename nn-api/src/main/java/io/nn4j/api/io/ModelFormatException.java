package io.nn4j.api.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model or checkpoint file that is not one, is corrupt, truncated or crafted, or is of a
 * format this library can't read; the message starts with the file's path. Immutable once
 * thrown, like any exception.
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception whose message starts with the file's path.
     *
     * @param file the file that is bad
     * @param problem what is wrong with it
     */
    public ModelFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /**
     * An exception whose message starts with the file's path, raised by {@code cause}.
     *
     * @param file the file that is bad
     * @param problem what is wrong with it
     * @param cause the failure that showed it
     */
    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
