package io.nn4j.api.nn;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import java.util.Objects;
import java.util.Random;

/**
 * A {@link Dense} layer of {@code units} outputs with its activation, whose weights start as
 * {@code initializer} draws them.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param units       outputs per example, at least 1
 * @param activation  the activation after the affine map
 * @param initializer how the weights start (biases start at zero)
 */
public record DenseSpec(int units, Activation activation, Initializer initializer)
        implements LayerSpec {

    /**
     * Checks the arguments.
     *
     * @param units the layer's output width, at least 1
     * @param activation the activation applied after the affine map
     * @param initializer how the weights are drawn
     */
    public DenseSpec {
        if (units < 1) {
            throw new IllegalArgumentException("a dense layer needs at least 1 unit, got " + units);
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(initializer, "initializer");
    }

    /**
     * A layer with the usual initializer for its activation ({@link Initializer#defaultFor}).
     *
     * @param units the layer's output width, at least 1
     * @param activation the activation applied after the affine map
     */
    public DenseSpec(int units, Activation activation) {
        this(units, activation, Initializer.defaultFor(activation));
    }

    @Override
    public int outputSize(int inputSize) {
        return units;
    }

    @Override
    public long parameterCount(int inputSize) {
        return (long) inputSize * units + units;
    }

    @Override
    public Layer create(Backend backend, String name, int inputSize, Random random) {
        return new Dense(backend, name, inputSize, units, activation, initializer, random);
    }
}
