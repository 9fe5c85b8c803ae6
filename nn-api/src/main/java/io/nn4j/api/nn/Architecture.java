package io.nn4j.api.nn;

import io.nn4j.api.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a {@link Sequential} network is made of, without weights or a backend: the input size and
 * the layer descriptions in order. Model files store it beside the weights.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param inputSize features per input row
 * @param layers    the layers, input first; at least one
 */
public record Architecture(int inputSize, List<LayerSpec> layers) {

    /**
     * Checks the arguments and copies the list.
     *
     * @param inputSize features per input row, at least 1
     * @param layers the layers' specifications, input layer first; at least one
     */
    public Architecture {
        if (inputSize < 1) {
            throw new IllegalArgumentException("input size must be at least 1, got " + inputSize);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
    }

    /**
     * Features per output row of the last layer.
     *
     * @return the last layer's output width for this input size
     */
    public int outputSize() {
        int size = inputSize;
        for (LayerSpec layer : layers) {
            size = layer.outputSize(size);
        }
        return size;
    }

    /**
     * Makes the network on {@code backend}, drawing initial weights from {@code seed}: the same
     * seed gives the same weights on every backend.
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
        } catch (RuntimeException e) {
            made.forEach(Layer::close);
            throw e;
        }
        return new Sequential(backend, this, made);
    }
}
