package io.nn4j.api.nn;

import io.nn4j.api.Backend;
import io.nn4j.api.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * What a {@link Sequential} network is made of, without weights or a backend: the input size,
 * the layer descriptions in order, and the preprocessing it carries (scalers, class names).
 * Model files store it beside the weights.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param inputSize     features per input row
 * @param layers        the layers, input first; at least one
 * @param preprocessing the scalers and class names the model carries
 *                      ({@link Preprocessing#NONE} for none)
 */
public record Architecture(int inputSize, List<LayerSpec> layers, Preprocessing preprocessing) {

    /**
     * Checks the arguments and copies the list.
     *
     * @param inputSize features per input row, at least 1
     * @param layers the layers' specifications, input layer first; at least one
     * @param preprocessing the scalers and class names, whose widths must fit the network's
     *     input and output ({@link Preprocessing#checkWidths})
     */
    public Architecture {
        if (inputSize < 1) {
            throw new IllegalArgumentException("input size must be at least 1, got " + inputSize);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        Objects.requireNonNull(preprocessing, "preprocessing");
        preprocessing.checkWidths(inputSize, outputSize(inputSize, layers));
    }

    /**
     * An architecture without preprocessing.
     *
     * @param inputSize features per input row, at least 1
     * @param layers the layers' specifications, input layer first; at least one
     */
    public Architecture(int inputSize, List<LayerSpec> layers) {
        this(inputSize, layers, Preprocessing.NONE);
    }

    /**
     * Features per output row of the last layer.
     *
     * @return the last layer's output width for this input size
     */
    public int outputSize() {
        return outputSize(inputSize, layers);
    }

    private static int outputSize(int inputSize, List<LayerSpec> layers) {
        int size = inputSize;
        for (LayerSpec layer : layers) {
            size = layer.outputSize(size);
        }
        return size;
    }

    /**
     * Makes the network on {@code backend}, drawing initial weights from {@code seed}: the same
     * seed gives the same weights on every backend. The model carries this architecture's
     * preprocessing.
     *
     * @param backend where the layers' tensors live
     * @param seed the seed of the initial weights (and of the dropout masks)
     * @return the network, owned by the caller (close it)
     */
    public Sequential build(Backend backend, long seed) {
        Random random = new Random(seed);
        List<Layer> made = new ArrayList<>();
        int in = inputSize;
        try {
            for (LayerSpec spec : layers) {
                made.add(spec.create(backend, "layer" + made.size(), in, random));
                in = spec.outputSize(in);
            }
            return new Sequential(backend, this, made);
        } catch (RuntimeException e) {
            made.forEach(Layer::close);
            throw e;
        }
    }
}
