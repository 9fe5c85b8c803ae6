package io.nn4j.api.nn;

import io.nn4j.api.Backend;
import java.util.Random;

/**
 * A {@link Dropout} layer dropping each element with probability {@code rate} while training.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param rate in {@code [0, 1)}
 */
public record DropoutSpec(float rate) implements LayerSpec {

    /**
     * Checks the rate.
     *
     * @param rate the probability of dropping an element while training, in {@code [0, 1)}
     */
    public DropoutSpec {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public long parameterCount(int inputSize) {
        return 0;
    }

    @Override
    public Layer create(Backend backend, String name, int inputSize, Random random) {
        return new Dropout(backend, inputSize, rate, random.nextLong());
    }
}
