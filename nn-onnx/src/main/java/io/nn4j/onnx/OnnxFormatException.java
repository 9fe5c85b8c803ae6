package io.nn4j.onnx;

import io.nn4j.api.io.ModelFormatException;
import java.nio.file.Path;

/**
 * A file that is not an ONNX model nn-onnx can read: not protobuf, truncated, missing its graph,
 * or with values that contradict each other (a tensor whose data does not fill its shape). The
 * message starts with the file's path, as a {@link ModelFormatException}'s does; a model that is
 * valid ONNX but that nn4j cannot express is an {@link UnsupportedOnnxModelException}, a
 * subclass.
 *
 * <p>Immutable once thrown: safe to share between threads, like any exception.
 */
public class OnnxFormatException extends ModelFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception whose message starts with the file's path.
     *
     * @param file the file that is bad
     * @param problem what is wrong with it and what was expected
     */
    public OnnxFormatException(Path file, String problem) {
        super(file, problem);
    }

    /**
     * An exception whose message starts with the file's path, shown by {@code cause}.
     *
     * @param file the file that is bad
     * @param problem what is wrong with it and what was expected
     * @param cause the failure that showed it
     */
    public OnnxFormatException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
