package io.nn4j.api.nn;

import io.nn4j.api.Activation;
import java.util.Random;

/**
 * How a layer's weights start. Drawn on the host from a seeded {@link Random}, so the same seed
 * gives the same weights on every backend. Biases start at zero.
 *
 * <p>Immutable: safe to share between threads.
 */
public enum Initializer {
    /** He (Kaiming) normal: {@code N(0, 2 / fanIn)}, suited to ReLU-like activations. */
    HE_NORMAL {
        @Override
        public void fill(float[] weights, int fanIn, int fanOut, Random random) {
            double std = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) (random.nextGaussian() * std);
            }
        }
    },
    /** Xavier (Glorot) uniform: {@code U(±√(6 / (fanIn + fanOut)))}, for sigmoid, tanh, softmax. */
    XAVIER_UNIFORM {
        @Override
        public void fill(float[] weights, int fanIn, int fanOut, Random random) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
    };

    /**
     * Fills {@code weights} (all of it) for a layer of the given fan-in and fan-out.
     *
     * @param weights the weights, filled
     * @param fanIn the layer's features per input row
     * @param fanOut the layer's features per output row
     * @param random the source of the values
     */
    public abstract void fill(float[] weights, int fanIn, int fanOut, Random random);

    /**
     * The usual choice for an activation: He for the ReLU family (ReLU, leaky ReLU, GeLU, ELU,
     * SiLU, softplus), Xavier for the saturating and output ones (sigmoid, tanh, softmax,
     * identity).
     *
     * @param activation the layer's activation
     * @return He or Xavier, as above
     */
    public static Initializer defaultFor(Activation activation) {
        return switch (activation) {
            case RELU, LEAKY_RELU, GELU, ELU, SILU, SOFTPLUS -> HE_NORMAL;
            case IDENTITY, SIGMOID, TANH, SOFTMAX -> XAVIER_UNIFORM;
        };
    }
}
