package io.nn4j.api.io;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.DenseSpec;
import io.nn4j.api.nn.DropoutSpec;
import io.nn4j.api.nn.LayerSpec;
import io.nn4j.api.nn.Parameter;
import io.nn4j.api.nn.Sequential;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a trained {@link Sequential} (architecture and weights) and loads it on any backend.
 *
 * <p>The format (version {@value #VERSION}, big-endian, documented in
 * {@code docs/model-format.md}): the magic {@code NN4J}, the format version, the input size, the
 * layers (a kind byte and its fields), the parameters (name, rows, cols, float32 values), and a
 * CRC-32 of everything before it. A file is written to a temporary file beside the target and
 * renamed, so a crash while saving never leaves a half-written model under the real name.
 */
public final class ModelFile {
    /** The first four bytes of every model file: {@code NN4J}. */
    public static final int MAGIC = 0x4E4E344A;
    /** The format version this library writes and the newest it reads. */
    public static final int VERSION = 1;

    private static final String KIND = "nn4j model file";
    private static final byte DENSE = 1;
    private static final byte DROPOUT = 2;

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file}, replacing it atomically.
     *
     * @throws IOException when the file cannot be written (no half-written file is left)
     */
    public static void save(Sequential model, Path file) throws IOException {
        Envelope.write(file, MAGIC, VERSION, out -> writeModel(out, model));
    }

    /**
     * Reads a model saved by {@link #save} and makes it on {@code backend}.
     *
     * @throws ModelFormatException when the file is not a model file, is corrupt or truncated, or
     *                              has a newer format version
     * @throws IOException          when the file cannot be read
     */
    public static Sequential load(Path file, Backend backend) throws IOException {
        Envelope.Opened opened = Envelope.open(file, MAGIC, VERSION, KIND);
        Architecture architecture = readArchitecture(file, opened.body(), opened.bytes());
        Sequential model = architecture.build(backend, 0);
        try {
            readTensors(file, opened.body(), backend, parametersByName(model));
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The architecture, then the parameters by name. */
    static void writeModel(DataOutputStream out, Sequential model) throws IOException {
        Architecture architecture = model.architecture();
        out.writeInt(architecture.inputSize());
        out.writeInt(architecture.layers().size());
        for (LayerSpec layer : architecture.layers()) {
            if (layer instanceof DenseSpec dense) {
                out.writeByte(DENSE);
                out.writeInt(dense.units());
                out.writeUTF(dense.activation().id());
            } else if (layer instanceof DropoutSpec dropout) {
                out.writeByte(DROPOUT);
                out.writeFloat(dropout.rate());
            }
        }
        writeTensors(out, model.backend(), parametersByName(model));
    }

    /**
     * Reads an architecture written by {@link #writeModel}, refusing one whose weights could not
     * fit in a file of {@code fileBytes} before anything is allocated.
     */
    static Architecture readArchitecture(Path file, DataInputStream in, int fileBytes)
            throws IOException {
        try {
            int inputSize = positive(file, "input size", in.readInt());
            int count = positive(file, "layer count", in.readInt());
            List<LayerSpec> layers = new ArrayList<>();
            long weights = 0;
            int size = inputSize;
            for (int i = 0; i < count && weights <= fileBytes; i++) {
                LayerSpec layer = readLayer(file, in, i);
                weights += layer.parameterCount(size);
                size = layer.outputSize(size);
                layers.add(layer);
            }
            if (weights > fileBytes / Float.BYTES) {
                throw new ModelFormatException(file, "the architecture needs more weights ("
                        + weights + "+) than the file can hold (" + fileBytes / Float.BYTES + ")");
            }
            return new Architecture(inputSize, layers);
        } catch (EOFException e) {
            throw new ModelFormatException(file, "ends inside its architecture");
        }
    }

    /** Writes each tensor as name, rows, cols and values. */
    static void writeTensors(DataOutputStream out, Backend backend, Map<String, Tensor> tensors)
            throws IOException {
        out.writeInt(tensors.size());
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            Shape shape = entry.getValue().shape();
            out.writeUTF(entry.getKey());
            out.writeInt(shape.rows());
            out.writeInt(shape.cols());
            for (float value : backend.toArray(entry.getValue())) {
                out.writeFloat(value);
            }
        }
    }

    /**
     * Reads tensors written by {@link #writeTensors} into {@code tensors}, which must name the
     * same tensors in the same order with the same shapes.
     */
    static void readTensors(Path file, DataInputStream in, Backend backend,
                            Map<String, Tensor> tensors) throws IOException {
        try {
            int count = in.readInt();
            if (count != tensors.size()) {
                throw new ModelFormatException(file, count + " tensors; expected " + tensors.size());
            }
            for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
                String name = in.readUTF();
                int rows = in.readInt();
                int cols = in.readInt();
                Shape expected = entry.getValue().shape();
                if (!name.equals(entry.getKey()) || rows != expected.rows()
                        || cols != expected.cols()) {
                    throw new ModelFormatException(file, "tensor " + name + " [" + rows + ", "
                            + cols + "]; expected " + entry.getKey() + " " + expected);
                }
                float[] values = new float[rows * cols];
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.readFloat();
                }
                backend.copyIn(values, 0, entry.getValue());
            }
        } catch (EOFException e) {
            throw new ModelFormatException(file, "ends before its tensors are complete");
        }
    }

    /** Whether two architectures have the same layers (kinds, sizes, activations, rates). */
    static boolean sameLayout(Architecture a, Architecture b) {
        if (a.inputSize() != b.inputSize() || a.layers().size() != b.layers().size()) {
            return false;
        }
        for (int i = 0; i < a.layers().size(); i++) {
            LayerSpec x = a.layers().get(i);
            LayerSpec y = b.layers().get(i);
            boolean same = x instanceof DenseSpec dx && y instanceof DenseSpec dy
                    ? dx.units() == dy.units() && dx.activation() == dy.activation()
                    : x.equals(y);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static LayerSpec readLayer(Path file, DataInputStream in, int index) throws IOException {
        byte kind = in.readByte();
        try {
            if (kind == DENSE) {
                int units = positive(file, "layer " + index + " units", in.readInt());
                return new DenseSpec(units, Activation.byId(in.readUTF()));
            }
            if (kind == DROPOUT) {
                return new DropoutSpec(in.readFloat());
            }
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "layer " + index + ": " + e.getMessage());
        }
        throw new ModelFormatException(file, "layer " + index + " has kind " + kind + "; expected "
                + DENSE + " (dense) or " + DROPOUT + " (dropout)");
    }

    /** The model's parameter values by name, in order. */
    static Map<String, Tensor> parametersByName(Sequential model) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (Parameter parameter : model.parameters()) {
            named.put(parameter.name(), parameter.value());
        }
        return named;
    }

    private static int positive(Path file, String what, int value) throws ModelFormatException {
        if (value < 1) {
            throw new ModelFormatException(file, what + " is " + value + "; expected at least 1");
        }
        return value;
    }
}
