package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Sequential;
import io.nn4j.onnx.OnnxModels;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The model of the commands that run a saved model: {@code --model} (an nn4j model file) or
 * {@code --onnx} (an ONNX file, as {@code export} or PyTorch writes it). Holds one command
 * line's value; not safe to share between threads.
 */
final class ModelOption {

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** Exactly one of the two. */
    static final class Source {
        @Option(names = "--model", paramLabel = "FILE", required = true,
                description = "The model file, as train --save-model or csv --save-model"
                        + " writes it.")
        private Path file;

        @Option(names = "--onnx", paramLabel = "FILE", required = true,
                description = "An ONNX model instead: an MLP as export, or PyTorch's"
                        + " torch.onnx.export, writes it (docs/onnx.md).")
        private Path onnx;
    }

    /** The file named, nn4j's or ONNX. */
    Path file() {
        return source.onnx != null ? source.onnx : source.file;
    }

    /**
     * Loads the model named onto {@code backend}.
     *
     * @throws IOException when the file is missing or not a model nn4j reads
     */
    Sequential load(Backend backend) throws IOException {
        return source.onnx != null ? OnnxModels.load(source.onnx, backend)
                : ModelFile.load(source.file, backend);
    }
}
