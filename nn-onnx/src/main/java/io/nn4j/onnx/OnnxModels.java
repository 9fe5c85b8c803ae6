package io.nn4j.onnx;

import io.nn4j.api.Backend;
import io.nn4j.api.Parameter;
import io.nn4j.api.io.AtomicFile;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX out and in: {@link #export} writes a {@link Sequential} as an ONNX model that ONNX
 * Runtime, TensorRT, OpenVINO or a browser can run; {@link #load} reads an MLP that PyTorch's
 * {@code torch.onnx.export} (or {@link #export}) wrote into a {@code Sequential} on any backend,
 * which predicts and trains further. What maps to what, and what is refused, is in
 * {@code docs/onnx.md}.
 *
 * <pre>{@code
 * OnnxModels.export(model, Path.of("m.onnx"));
 * try (Sequential again = OnnxModels.load(Path.of("m.onnx"), backend)) { ... }
 * }</pre>
 *
 * <p>Thread safety: the methods are static and keep no state; any thread may call them.
 * Exporting reads the model's weights, so it must not overlap a training step of that model.
 */
public final class OnnxModels {
    /**
     * The operator set exported models import: 17, the newest that PyTorch 1.13, and the ONNX
     * 1.12 checker, of current Debian know; ONNX Runtime runs it. (Its successors add a
     * {@code Gelu} operator, which the importer reads too, in models of opset 20 and above.)
     */
    public static final int OPSET = 17;
    /** The IR version of exported models: 8, the one of opset 17. */
    public static final int IR_VERSION = 8;
    /** The largest file {@link #load} reads: protobuf's limit of 2 GiB. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private static final Logger LOG = LoggerFactory.getLogger(OnnxModels.class);

    private OnnxModels() {
    }

    /**
     * Writes {@code model} to {@code file} as an ONNX model of opset {@value #OPSET}, replacing
     * the file atomically: one graph from the float input {@code input [N, inputSize]} (batch
     * dimension symbolic) to {@code output [N, outputSize]}, the same values
     * {@link Sequential#predict(float[], int)} gives (dropout left out).
     *
     * @param model the model to export; not training meanwhile
     * @param file the file written
     * @throws IllegalStateException    naming the parameter and element when a weight is NaN or
     *                                  infinite; nothing is written
     * @throws IllegalArgumentException naming the layer when the model has a layer ONNX cannot
     *                                  express here, or weights beyond ONNX's 2 GiB; nothing is
     *                                  written
     * @throws IOException              naming the file when it cannot be written; the previous
     *                                  file is then untouched and no temporary file is left
     */
    public static void export(Sequential model, Path file) throws IOException {
        byte[] bytes = OnnxWriter.write(OnnxExporter.export(model, file, version()));
        AtomicFile.write(file, out -> out.write(bytes));
        LOG.debug("exported {} as ONNX opset {} to {} ({} bytes)", model, OPSET, file,
                bytes.length);
    }

    /**
     * Reads an ONNX model of a chain of dense layers and makes it on {@code backend}, with the
     * weights of the file. The model has no preprocessing unless the file was exported from a
     * model with scalers or class names, which come back.
     *
     * @param file the ONNX file
     * @param backend the backend to make the model on
     * @return the model, owned by the caller (close it)
     * @throws UnsupportedOnnxModelException naming the node and its operator (or the graph's
     *                                       input or output) for a valid model nn4j cannot
     *                                       express
     * @throws OnnxFormatException           naming the file when it is not a readable ONNX model:
     *                                       not protobuf, truncated, without a graph, a directory
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws IOException                   when it cannot be read
     */
    public static Sequential load(Path file, Backend backend) throws IOException {
        if (Files.isDirectory(file)) {
            throw new OnnxFormatException(file, "is a directory; expected an ONNX model file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new OnnxFormatException(file, size + " bytes; an ONNX file (protobuf) holds at "
                    + "most " + MAX_FILE_BYTES);
        }
        OnnxImporter.Imported imported = OnnxImporter.read(file,
                OnnxReader.read(file, Files.readAllBytes(file)));
        Sequential model = imported.architecture().build(backend, 0);
        try {
            List<Parameter> parameters = model.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                backend.copyIn(imported.parameters().get(i), 0, parameters.get(i).value());
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        LOG.debug("loaded {} from ONNX file {}", model, file);
        return model;
    }

    /** The nn4j version, from the jar's {@code version.properties}. */
    static String version() {
        try (InputStream in = OnnxModels.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("reading nn-onnx's version.properties", e);
        }
    }
}
