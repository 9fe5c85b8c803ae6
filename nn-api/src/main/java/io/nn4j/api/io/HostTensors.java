package io.nn4j.api.io;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors as host arrays, in order: copied out of a backend before a save (and checked to
 * be finite), read from a file and checked against the shapes expected before anything is copied
 * into a backend. A block on disk is the count, then per tensor its name ({@code writeUTF}), rows,
 * cols and the float32 values row-major.
 */
final class HostTensors {
    private HostTensors() {
    }

    /** The values of {@code tensors}, copied to the host, in the same order. */
    static Map<String, float[]> copyOut(Backend backend, Map<String, Tensor> tensors) {
        Map<String, float[]> values = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> values.put(name, backend.toArray(tensor)));
        return values;
    }

    /** The shapes of {@code tensors}, in the same order. */
    static Map<String, Shape> shapes(Map<String, Tensor> tensors) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> shapes.put(name, tensor.shape()));
        return shapes;
    }

    /**
     * Refuses to save {@code file} when a value is NaN or infinite: a model that diverged must
     * not replace a good file.
     *
     * @throws IllegalStateException naming the file, the tensor, the element and its value
     */
    static void requireFinite(Path file, Map<String, float[]> values, Map<String, Shape> shapes) {
        for (Map.Entry<String, float[]> entry : values.entrySet()) {
            float[] array = entry.getValue();
            for (int i = 0; i < array.length; i++) {
                if (!Float.isFinite(array[i])) {
                    int cols = shapes.get(entry.getKey()).cols();
                    throw new IllegalStateException(file + ": refusing to save: " + entry.getKey()
                            + " element " + i + " (row " + i / cols + ", col " + i % cols + ") is "
                            + array[i] + "; the model has diverged or was fed non-finite data, "
                            + "and the file is left as it was");
                }
            }
        }
    }

    /** Writes the block. */
    static void write(DataOutputStream out, Map<String, float[]> values, Map<String, Shape> shapes)
            throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, float[]> entry : values.entrySet()) {
            Shape shape = shapes.get(entry.getKey());
            out.writeUTF(entry.getKey());
            out.writeInt(shape.rows());
            out.writeInt(shape.cols());
            for (float value : entry.getValue()) {
                out.writeFloat(value);
            }
        }
    }

    /**
     * Reads a block that must hold exactly the tensors of {@code expected}, by name, in order and
     * with the same shapes; nothing is allocated beyond those shapes.
     *
     * @param what which tensors, for messages (e.g. "parameters")
     */
    static Map<String, float[]> read(Path file, DataInputStream in, String what,
                                     Map<String, Shape> expected) throws IOException {
        int count = in.readInt();
        if (count != expected.size()) {
            throw new ModelFormatException(file, what + ": " + count + " tensors; expected "
                    + expected.size() + " " + expected.keySet());
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> entry : expected.entrySet()) {
            String name = in.readUTF();
            int rows = in.readInt();
            int cols = in.readInt();
            Shape shape = entry.getValue();
            if (!name.equals(entry.getKey()) || rows != shape.rows() || cols != shape.cols()) {
                throw new ModelFormatException(file, what + ": tensor " + name + " [" + rows + ", "
                        + cols + "]; expected " + entry.getKey() + " " + shape);
            }
            float[] array = new float[rows * cols];
            for (int i = 0; i < array.length; i++) {
                array[i] = in.readFloat();
            }
            values.put(name, array);
        }
        return values;
    }

    /** Copies values read by {@link #read} into the tensors they were checked against. */
    static void copyIn(Backend backend, Map<String, float[]> values, Map<String, Tensor> tensors) {
        values.forEach((name, array) -> backend.copyIn(array, 0, tensors.get(name)));
    }
}
