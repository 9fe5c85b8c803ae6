package io.nn4j.api.nn;

import io.nn4j.api.Backend;
import java.util.Random;

/**
 * The description of one layer, independent of any backend: what a model file stores and what
 * {@link Sequential.Builder} collects. {@link #create} makes the layer on a backend.
 *
 * <p>Threads: implementations are immutable and safe to share.
 */
public sealed interface LayerSpec permits DenseSpec, DropoutSpec {

    /**
     * Features per output row, given features per input row.
     *
     * @param inputSize features per input row
     * @return features per output row
     */
    int outputSize(int inputSize);

    /**
     * Number of trainable values (weights and biases) the layer has, given its input size.
     *
     * @param inputSize features per input row
     * @return the number of trainable values
     */
    long parameterCount(int inputSize);

    /**
     * Makes the layer on {@code backend}, drawing any initial weights from {@code random}.
     *
     * @param backend where the layer's tensors live
     * @param inputSize features per input row
     * @param random the source of the initial weights
     * @return the new layer, owned by the caller
     * @param name a name unique within the network, used for parameter names
     */
    Layer create(Backend backend, String name, int inputSize, Random random);
}
