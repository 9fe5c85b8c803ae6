package io.nn4j.api.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A network's layers with their output shapes and parameter counts, and the totals, as
 * {@link Sequential#summary()} prints them (a table like Keras' {@code model.summary()}):
 *
 * <pre>
 * layer  kind     activation  output shape   params
 * input                       [batch, 784]        0
 * 0      dense    relu        [batch, 128]  100,480
 * 1      dropout  -           [batch, 128]        0
 * 2      dense    softmax     [batch, 10]     1,290
 * total params: 101,770 (397.5 KiB as float32)
 * trainable params: 101,770
 * non-trainable params: 0
 * </pre>
 *
 * Every parameter of an nn4j network is trainable (weights and biases of the dense layers).
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param inputSize features per input row
 * @param layers    one entry per layer, input side first
 */
public record ModelSummary(int inputSize, List<LayerSummary> layers) {

    /**
     * One layer of the summary.
     *
     * <p>Immutable: safe to share between threads.
     *
     * @param index      the layer's position, 0 for the one next to the input
     * @param kind       what the layer is: {@code dense} or {@code dropout}
     * @param activation the activation's id, e.g. {@code relu}; empty for a layer without one
     * @param outputSize features per output row: the output shape is {@code [batch, outputSize]}
     * @param parameters the layer's trainable values (weights and biases)
     */
    public record LayerSummary(int index, String kind, String activation, int outputSize,
                               long parameters) {
    }

    /**
     * Copies the list.
     *
     * @param inputSize features per input row
     * @param layers    one entry per layer, input side first
     */
    public ModelSummary {
        layers = List.copyOf(layers);
    }

    /**
     * The summary of an architecture (a network's, without its weights).
     *
     * @param architecture the input size and the layers
     * @return its layers' kinds, output shapes and parameter counts
     */
    public static ModelSummary of(Architecture architecture) {
        List<LayerSummary> rows = new ArrayList<>();
        int in = architecture.inputSize();
        for (LayerSpec spec : architecture.layers()) {
            String kind = spec instanceof DenseSpec ? "dense" : "dropout";
            String activation = spec instanceof DenseSpec dense ? dense.activation().id() : "";
            rows.add(new LayerSummary(rows.size(), kind, activation, spec.outputSize(in),
                    spec.parameterCount(in)));
            in = spec.outputSize(in);
        }
        return new ModelSummary(architecture.inputSize(), rows);
    }

    /**
     * Trainable values of every layer together; every parameter of an nn4j network is
     * trainable.
     *
     * @return the total parameter count
     */
    public long parameters() {
        long total = 0;
        for (LayerSummary layer : layers) {
            total += layer.parameters();
        }
        return total;
    }

    /**
     * The parameters' size as float32 values, as the backends hold them (the optimizer's state
     * and the work buffers come on top).
     *
     * @return {@code 4 × parameters()} bytes
     */
    public long bytes() {
        return parameters() * Float.BYTES;
    }

    /** The table: a row for the input and each layer, then the totals. */
    @Override
    public String toString() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"layer", "kind", "activation", "output shape", "params"});
        cells.add(new String[] {"input", "", "", shape(inputSize), "0"});
        for (LayerSummary layer : layers) {
            cells.add(new String[] {Integer.toString(layer.index()), layer.kind(),
                    layer.activation().isEmpty() ? "-" : layer.activation(),
                    shape(layer.outputSize()), count(layer.parameters())});
        }
        int[] widths = new int[5];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : cells) {
            for (int c = 0; c < 4; c++) {
                text.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            text.append(" ".repeat(widths[4] - row[4].length())).append(row[4]).append('\n');
        }
        return text.append("total params: ").append(count(parameters())).append(" (")
                .append(size(bytes())).append(" as float32)\n")
                .append("trainable params: ").append(count(parameters())).append('\n')
                .append("non-trainable params: 0\n").toString();
    }

    private static String shape(int width) {
        return "[batch, " + width + "]";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kib = bytes / 1024.0;
        return kib < 1024 ? String.format(Locale.ROOT, "%.1f KiB", kib)
                : String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
    }
}
