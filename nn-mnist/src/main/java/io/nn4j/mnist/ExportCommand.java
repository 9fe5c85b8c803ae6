package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Sequential;
import io.nn4j.onnx.OnnxModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code export} command: writes a saved model as an ONNX model ({@link OnnxModels#export}),
 * which ONNX Runtime and other serving stacks run, and {@code predict --onnx} or
 * {@code eval --onnx} run on an nn4j backend.
 */
@Command(name = "export", sortOptions = false,
        description = "Write a saved model as an ONNX model (opset " + OnnxModels.OPSET + "),"
                + " for ONNX Runtime and other serving stacks; predict --onnx and eval --onnx run"
                + " it here (docs/onnx.md).")
final class ExportCommand extends DemoCommand {

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "The model file, as train --save-model or csv --save-model writes it.")
    private Path model;

    @Option(names = "--onnx", paramLabel = "FILE", required = true,
            description = "The ONNX file to write (replaced whole, or left as it was).")
    private Path onnx;

    @Mixin
    private BackendOption backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Backend opened = backend.open(spec.commandLine());
             Sequential net = ModelFile.load(model, opened)) {
            OnnxModels.export(net, onnx);
            out.println(String.format(Locale.ROOT, "wrote %s (ONNX opset %d, %d bytes): %s, from"
                    + " %s", onnx, OnnxModels.OPSET, Files.size(onnx),
                    SavedModel.describe(net.architecture()), model));
        }
        out.flush();
        return 0;
    }
}
