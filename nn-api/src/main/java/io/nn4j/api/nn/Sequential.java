package io.nn4j.api.nn;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A network whose layers run one after another, bound to one backend.
 *
 * <pre>{@code
 * try (Sequential net = Sequential.builder(784)
 *         .dense(128, Activation.RELU)
 *         .dense(10, Activation.SOFTMAX)
 *         .build(backend, 42)) { ... }
 * }</pre>
 *
 * The same seed gives the same initial weights on every backend.
 */
public final class Sequential implements AutoCloseable {
    private final Backend backend;
    private final Architecture architecture;
    private final List<Layer> layers;
    private final List<Parameter> parameters;

    /** Made by {@link Architecture#build}. */
    Sequential(Backend backend, Architecture architecture, List<Layer> layers) {
        this.backend = backend;
        this.architecture = architecture;
        this.layers = List.copyOf(layers);
        List<Parameter> all = new ArrayList<>();
        layers.forEach(layer -> all.addAll(layer.parameters()));
        this.parameters = Collections.unmodifiableList(all);
    }

    /** Starts a network whose input rows have {@code inputSize} features. */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** The backend every layer runs on. */
    public Backend backend() {
        return backend;
    }

    /** What the network is made of, without its weights. */
    public Architecture architecture() {
        return architecture;
    }

    /** The layers, input first. */
    public List<Layer> layers() {
        return layers;
    }

    /** Every trainable parameter, input layer first. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Features per input row. */
    public int inputSize() {
        return layers.get(0).inputSize();
    }

    /** Features per output row. */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /**
     * Runs every layer on a batch {@code [m, inputSize]}.
     *
     * @return the output {@code [m, outputSize]}, owned by the network and valid until the next
     *     forward pass
     */
    public Tensor forward(Tensor input, boolean training) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(x, training);
        }
        return x;
    }

    /**
     * Back-propagates the per-example loss gradient that {@link Backend#lossGradient} wrote for
     * the last forward pass, filling every parameter's gradient.
     */
    public void backward(Tensor lossGradient, Loss loss) {
        backPropagate(lossGradient, loss, null);
    }

    /**
     * Back-propagates like {@link #backward} and applies {@code update} to every parameter on
     * the way, each layer once it has passed its gradient down: a whole step of plain SGD, with
     * the weight updates folded into the GEMMs (see {@link InPlaceSgd}).
     */
    public void backwardAndUpdate(Tensor lossGradient, Loss loss, InPlaceSgd update) {
        backPropagate(lossGradient, loss, Objects.requireNonNull(update, "update"));
    }

    private void backPropagate(Tensor lossGradient, Loss loss, InPlaceSgd update) {
        checkLoss(loss);
        int lastIndex = layers.size() - 1;
        Tensor gradient;
        if (loss.fusedActivation() != null) {
            Dense output = (Dense) layers.get(lastIndex);
            gradient = update == null
                    ? output.backwardFromPreActivation(lossGradient, lastIndex > 0)
                    : output.backwardFromPreActivationAndUpdate(lossGradient, lastIndex > 0,
                            update);
        } else {
            gradient = backward(layers.get(lastIndex), lossGradient, lastIndex > 0, update);
        }
        for (int i = lastIndex - 1; i >= 0; i--) {
            gradient = backward(layers.get(i), gradient, i > 0, update);
        }
    }

    private static Tensor backward(Layer layer, Tensor outputGradient, boolean propagateToInput,
                                   InPlaceSgd update) {
        return update == null ? layer.backward(outputGradient, propagateToInput)
                : layer.backwardAndUpdate(outputGradient, propagateToInput, update);
    }

    /**
     * Checks that {@code loss} can train this network: a loss fused with an activation needs a
     * {@link Dense} output layer with that activation.
     *
     * @throws IllegalArgumentException naming the loss and the output layer otherwise
     */
    public void checkLoss(Loss loss) {
        Objects.requireNonNull(loss, "loss");
        Activation fused = loss.fusedActivation();
        Layer output = layers.get(layers.size() - 1);
        if (fused != null && !(output instanceof Dense dense && dense.activation() == fused)) {
            throw new IllegalArgumentException("loss " + loss.id() + " is computed together with "
                    + fused.id() + " and needs a Dense output layer with " + fused.id()
                    + " activation; the output layer is " + output);
        }
    }

    /**
     * Convenience inference on host data: runs {@code rows} examples ({@code input} row-major,
     * {@code rows × inputSize}) and returns the outputs row-major.
     */
    public float[] predict(float[] input, int rows) {
        try (Tensor x = backend.fromArray(input, Shape.matrix(rows, inputSize()))) {
            return backend.toArray(forward(x, false));
        }
    }

    /** Frees every layer's tensors. */
    @Override
    public void close() {
        layers.forEach(Layer::close);
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }

    /** Collects layer descriptions, then makes the layers on a backend. */
    public static final class Builder {
        private final int inputSize;
        private final List<LayerSpec> specs = new ArrayList<>();

        private Builder(int inputSize) {
            this.inputSize = inputSize;
        }

        /** Adds a {@link Dense} layer with the usual initializer for its activation. */
        public Builder dense(int units, Activation activation) {
            return add(new DenseSpec(units, activation));
        }

        /** Adds a {@link Dense} layer with the given initializer. */
        public Builder dense(int units, Activation activation, Initializer initializer) {
            return add(new DenseSpec(units, activation, initializer));
        }

        /** Adds a {@link Dropout} layer dropping elements with probability {@code rate}. */
        public Builder dropout(float rate) {
            return add(new DropoutSpec(rate));
        }

        /** Adds any layer. */
        public Builder add(LayerSpec layer) {
            specs.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /** The architecture collected so far. */
        public Architecture architecture() {
            return new Architecture(inputSize, specs);
        }

        /**
         * Makes the layers on {@code backend}, drawing initial weights from {@code seed}.
         *
         * @throws IllegalArgumentException when no layer was added or the input size is below 1
         */
        public Sequential build(Backend backend, long seed) {
            return architecture().build(backend, seed);
        }
    }
}
