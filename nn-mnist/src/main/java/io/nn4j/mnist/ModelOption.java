package io.nn4j.mnist;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --model} option of the commands that run a saved model. Holds one command line's
 * value; not safe to share between threads.
 */
final class ModelOption {

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "The model file, as train --save-model or csv --save-model writes it.")
    private Path file;

    /** The model file named. */
    Path file() {
        return file;
    }
}
