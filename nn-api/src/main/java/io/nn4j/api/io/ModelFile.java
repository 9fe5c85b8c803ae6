package io.nn4j.api.io;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.DenseSpec;
import io.nn4j.api.nn.LayerSpec;
import io.nn4j.api.nn.Parameter;
import io.nn4j.api.nn.Sequential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

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
    /** Files above this size are refused before they are read. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private static final byte DENSE = 1;

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file}, replacing it atomically.
     *
     * @throws IOException when the file cannot be written (no half-written file is left)
     */
    public static void save(Sequential model, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        writeArchitecture(out, model.architecture());
        List<Parameter> parameters = model.parameters();
        out.writeInt(parameters.size());
        for (Parameter parameter : parameters) {
            Shape shape = parameter.value().shape();
            out.writeUTF(parameter.name());
            out.writeInt(shape.rows());
            out.writeInt(shape.cols());
            for (float value : model.backend().toArray(parameter.value())) {
                out.writeFloat(value);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        writeAtomically(file, bytes.toByteArray());
    }

    /**
     * Reads a model saved by {@link #save} and makes it on {@code backend}.
     *
     * @throws ModelFormatException when the file is not a model file, is corrupt or truncated, or
     *                              has a newer format version
     * @throws IOException          when the file cannot be read
     */
    public static Sequential load(Path file, Backend backend) throws IOException {
        long size = Files.size(file);
        if (size < 12) {
            throw new ModelFormatException(file, "only " + size + " bytes; expected a model file "
                    + "(magic NN4J, version, layers, weights, checksum)");
        }
        if (size > MAX_BYTES) {
            throw new ModelFormatException(file, size + " bytes is more than the " + MAX_BYTES
                    + " a model file may have");
        }
        byte[] bytes = Files.readAllBytes(file);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new ModelFormatException(file, String.format(
                    "starts with 0x%08X; expected the magic 0x%08X (NN4J): not an nn4j model file",
                    magic, MAGIC));
        }
        int version = in.readInt();
        if (version > VERSION || version < 1) {
            throw new ModelFormatException(file, "format version " + version + "; this library "
                    + "reads versions 1 to " + VERSION + (version > VERSION
                    ? " (the file was written by a newer nn4j)" : ""));
        }
        checkChecksum(file, bytes);
        try {
            Architecture architecture = readArchitecture(file, in);
            checkWeightCount(file, architecture, bytes.length);
            return readWeights(file, in, architecture, backend);
        } catch (EOFException e) {
            throw new ModelFormatException(file, "ends before its weights are complete");
        }
    }

    private static void writeArchitecture(DataOutputStream out, Architecture architecture)
            throws IOException {
        out.writeInt(architecture.inputSize());
        out.writeInt(architecture.layers().size());
        for (LayerSpec layer : architecture.layers()) {
            if (layer instanceof DenseSpec dense) {
                out.writeByte(DENSE);
                out.writeInt(dense.units());
                out.writeUTF(dense.activation().id());
            }
        }
    }

    private static Architecture readArchitecture(Path file, DataInputStream in) throws IOException {
        int inputSize = positive(file, "input size", in.readInt());
        int count = positive(file, "layer count", in.readInt());
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte kind = in.readByte();
            if (kind != DENSE) {
                throw new ModelFormatException(file, "layer " + i + " has kind " + kind
                        + "; expected " + DENSE + " (dense)");
            }
            int units = positive(file, "layer " + i + " units", in.readInt());
            String activation = in.readUTF();
            try {
                layers.add(new DenseSpec(units, Activation.byId(activation)));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, "layer " + i + ": " + e.getMessage());
            }
        }
        return new Architecture(inputSize, layers);
    }

    private static Sequential readWeights(Path file, DataInputStream in, Architecture architecture,
                                          Backend backend) throws IOException {
        Sequential model = architecture.build(backend, 0);
        try {
            List<Parameter> parameters = model.parameters();
            int count = in.readInt();
            if (count != parameters.size()) {
                throw new ModelFormatException(file, count + " parameters; the architecture has "
                        + parameters.size());
            }
            for (Parameter parameter : parameters) {
                String name = in.readUTF();
                Shape expected = parameter.value().shape();
                int rows = in.readInt();
                int cols = in.readInt();
                if (!name.equals(parameter.name()) || rows != expected.rows()
                        || cols != expected.cols()) {
                    throw new ModelFormatException(file, "parameter " + name + " [" + rows + ", "
                            + cols + "]; expected " + parameter.name() + " " + expected);
                }
                float[] values = new float[rows * cols];
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.readFloat();
                }
                backend.copyIn(values, 0, parameter.value());
            }
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Refuses an architecture whose weights could not fit in the file, before allocating them. */
    private static void checkWeightCount(Path file, Architecture architecture, int fileBytes)
            throws ModelFormatException {
        long weights = 0;
        int in = architecture.inputSize();
        for (LayerSpec layer : architecture.layers()) {
            weights += layer.parameterCount(in);
            in = layer.outputSize(in);
        }
        if (weights > fileBytes / Float.BYTES) {
            throw new ModelFormatException(file, "the architecture needs " + weights
                    + " weights but the file holds at most " + fileBytes / Float.BYTES);
        }
    }

    private static void checkChecksum(Path file, byte[] bytes) throws ModelFormatException {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ((bytes[bytes.length - 4] & 0xff) << 24) | ((bytes[bytes.length - 3] & 0xff) << 16)
                | ((bytes[bytes.length - 2] & 0xff) << 8) | (bytes[bytes.length - 1] & 0xff);
        if ((int) crc.getValue() != stored) {
            throw new ModelFormatException(file, String.format("checksum mismatch (stored %08X, "
                    + "computed %08X): the file is corrupt or truncated", stored,
                    (int) crc.getValue()));
        }
    }

    private static int positive(Path file, String what, int value) throws ModelFormatException {
        if (value < 1) {
            throw new ModelFormatException(file, what + " is " + value + "; expected at least 1");
        }
        return value;
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
