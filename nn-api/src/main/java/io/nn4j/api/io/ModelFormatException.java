package io.nn4j.api.io;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that is not one, is corrupt or truncated, or is of a format this library can't read. */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message starts with the file's path. */
    public ModelFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
