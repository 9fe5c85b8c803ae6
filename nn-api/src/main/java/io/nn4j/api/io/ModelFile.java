package io.nn4j.api.io;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Parameter;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.DenseSpec;
import io.nn4j.api.nn.DropoutSpec;
import io.nn4j.api.nn.LayerSpec;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.preprocess.Preprocessing;
import io.nn4j.api.preprocess.Scaler;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saves a trained {@link Sequential} (architecture, preprocessing and weights) and loads it on
 * any backend.
 *
 * <p>The format (version {@value #VERSION}, big-endian, documented in
 * {@code docs/model-format.md}): the magic {@code NN4J}, the format version, the input size, the
 * layers (a kind byte and its fields), the preprocessing (feature scaler, target scaler, class
 * names; since version 2), the parameters (name, rows, cols, float32 values), and a CRC-32 of
 * everything before it. Version 1 files (no preprocessing) still load. A file is written whole
 * or not at all (see {@code docs/model-format.md}): a crash, a full disk or a failed write never leaves a
 * half-written model under the real name, and a model with a non-finite weight is not saved.
 * Loading reads and checks the header before the body and allocates only what the file's size
 * justifies; every way a file can be bad is a {@link ModelFormatException} naming it.
 *
 * <p>Thread safety: the methods are static and keep no state; any thread may call them. Saving
 * reads the model's weights, so it must not overlap a training step of the same model; two saves
 * to the same path (from two threads or two processes) each replace the file whole, the later
 * rename winning.
 */
public final class ModelFile {
    /** The first four bytes of every model file: {@code NN4J}. */
    public static final int MAGIC = 0x4E4E344A;
    /**
     * The format version this library writes and the newest it reads: 2 adds the model's
     * preprocessing (scalers and class names) after the layers; version 1 files still load,
     * without preprocessing.
     */
    public static final int VERSION = 2;
    /** The first version whose model section holds the preprocessing. */
    static final int FIRST_WITH_PREPROCESSING = 2;

    private static final String KIND = "nn4j model file";
    private static final byte DENSE = 1;
    private static final byte DROPOUT = 2;
    /** The fewest bytes a layer takes: a kind byte and a dropout rate. */
    private static final int MIN_LAYER_BYTES = 5;
    private static final byte NO_SCALER = 0;
    private static final byte STANDARD = 1;
    private static final byte MIN_MAX = 2;

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file}, replacing it atomically.
     *
     * @param model the model to save
     * @param file the file written
     * @throws IllegalStateException when a weight is NaN or infinite (the message names the
     *                               parameter, the element and the value); nothing is written
     * @throws IOException           naming the file when it cannot be written; the previous file
     *                               is then untouched and no temporary file is left
     */
    public static void save(Sequential model, Path file) throws IOException {
        Map<String, Tensor> parameters = parametersByName(model);
        Map<String, Shape> shapes = HostTensors.shapes(parameters);
        Map<String, float[]> values = HostTensors.copyOut(model.backend(), parameters);
        HostTensors.requireFinite(file, values, shapes);
        Envelope.write(file, MAGIC, VERSION, out -> writeModel(out, model.architecture(), values,
                shapes));
    }

    /**
     * Reads a model saved by {@link #save} and makes it on {@code backend}.
     *
     * @param file the model file
     * @param backend the backend to make the model on; any backend, whatever the model was saved
     *     from
     * @return the model, owned by the caller (close it)
     * @throws ModelFormatException naming the file, for every way it can be bad: not a model
     *                              file, corrupt, truncated, crafted, or of a newer format version
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws IOException          when the file cannot be read
     */
    public static Sequential load(Path file, Backend backend) throws IOException {
        return Envelope.read(file, MAGIC, VERSION, KIND, (in, bodyBytes, version) -> {
            Architecture architecture = readArchitecture(file, in, bodyBytes,
                    version >= FIRST_WITH_PREPROCESSING);
            Sequential model = architecture.build(backend, 0);
            try {
                Map<String, Tensor> parameters = parametersByName(model);
                Map<String, float[]> values = HostTensors.read(file, in, "parameters",
                        HostTensors.shapes(parameters));
                HostTensors.copyIn(backend, values, parameters);
                return model;
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
        });
    }

    /** The architecture (with its preprocessing), then the parameters by name. */
    static void writeModel(DataOutputStream out, Architecture architecture,
                           Map<String, float[]> values, Map<String, Shape> shapes)
            throws IOException {
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
            } else {
                throw new IllegalStateException("the model file format has no layout for the "
                        + "layer " + layer + "; the file is not written");
            }
        }
        Preprocessing preprocessing = architecture.preprocessing();
        writeScaler(out, preprocessing.featureScaler());
        writeScaler(out, preprocessing.targetScaler());
        out.writeInt(preprocessing.classNames().size());
        for (String name : preprocessing.classNames()) {
            out.writeUTF(name);
        }
        HostTensors.write(out, values, shapes);
    }

    private static void writeScaler(DataOutputStream out, Optional<Scaler> scaler)
            throws IOException {
        if (scaler.isEmpty()) {
            out.writeByte(NO_SCALER);
            return;
        }
        Scaler s = scaler.get();
        out.writeByte(s.kind() == Scaler.Kind.STANDARD ? STANDARD : MIN_MAX);
        out.writeInt(s.width());
        for (float value : s.center()) {
            out.writeFloat(value);
        }
        for (float value : s.scale()) {
            out.writeFloat(value);
        }
    }

    /**
     * Reads an architecture written by {@link #writeModel}, refusing one with more layers or
     * weights than a body of {@code bodyBytes} could hold, before anything is allocated, and
     * its preprocessing when the format has it ({@code withPreprocessing}), refusing scalers and
     * class names that do not fit the layers or hold bad values.
     */
    static Architecture readArchitecture(Path file, DataInputStream in, long bodyBytes,
                                         boolean withPreprocessing) throws IOException {
        int inputSize = positive(file, "input size", in.readInt());
        int count = positive(file, "layer count", in.readInt());
        if (count > bodyBytes / MIN_LAYER_BYTES) {
            throw new ModelFormatException(file, count + " layers cannot fit in a body of "
                    + bodyBytes + " bytes");
        }
        List<LayerSpec> layers = new ArrayList<>();
        long weights = 0;
        int size = inputSize;
        for (int i = 0; i < count && weights <= bodyBytes; i++) {
            LayerSpec layer = readLayer(file, in, i);
            weights += layer.parameterCount(size);
            size = layer.outputSize(size);
            layers.add(layer);
        }
        if (weights > bodyBytes / Float.BYTES) {
            throw new ModelFormatException(file, "the architecture needs more weights ("
                    + weights + "+) than the file can hold (" + bodyBytes / Float.BYTES + ")");
        }
        if (!withPreprocessing) {
            return new Architecture(inputSize, layers);
        }
        Scaler features = readScaler(file, in, bodyBytes, "feature scaler", inputSize,
                "input size");
        Scaler targets = readScaler(file, in, bodyBytes, "target scaler", size, "output size");
        List<String> names = readClassNames(file, in, size);
        try {
            return new Architecture(inputSize, layers, Preprocessing.of(features, targets,
                    names));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, e.getMessage(), e);
        }
    }

    /** A scaler of {@code width} columns, or null when the file has none. */
    private static Scaler readScaler(Path file, DataInputStream in, long bodyBytes, String what,
                                     int width, String widthName) throws IOException {
        byte kind = in.readByte();
        if (kind == NO_SCALER) {
            return null;
        }
        if (kind != STANDARD && kind != MIN_MAX) {
            throw new ModelFormatException(file, what + " has kind " + kind + "; expected "
                    + NO_SCALER + " (none), " + STANDARD + " (standard) or " + MIN_MAX
                    + " (min-max)");
        }
        int columns = in.readInt();
        if (columns != width) {
            throw new ModelFormatException(file, what + " has " + columns + " columns; "
                    + "expected the model's " + widthName + ", " + width);
        }
        if (2L * Float.BYTES * width > bodyBytes) {
            throw new ModelFormatException(file, what + " of " + width + " columns cannot fit "
                    + "in a body of " + bodyBytes + " bytes");
        }
        float[] center = readFloats(in, width);
        float[] scale = readFloats(in, width);
        try {
            return Scaler.of(kind == STANDARD ? Scaler.Kind.STANDARD : Scaler.Kind.MIN_MAX,
                    center, scale);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, what + ": " + e.getMessage(), e);
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    /** The class names, one per output (two for one output), or none. */
    private static List<String> readClassNames(Path file, DataInputStream in, int outputs)
            throws IOException {
        int count = in.readInt();
        if (count == 0) {
            return List.of();
        }
        if (count != outputs && !(outputs == 1 && count == 2)) {
            throw new ModelFormatException(file, count + " class names; expected 0 (none) or "
                    + "one per output, " + (outputs == 1 ? "2 for one output" : outputs));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(in.readUTF());
        }
        return names;
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
