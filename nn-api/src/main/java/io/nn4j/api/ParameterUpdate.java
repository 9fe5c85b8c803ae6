package io.nn4j.api;

/**
 * How a layer's backward pass applies what it finds for each {@link Parameter}. A layer makes a
 * parameter's gradient as a sum over the batch's {@code m} rows, {@code S} (a dense layer's
 * weights: {@code S = dZᵀ·X}, with {@code ∂C/∂W = S / m}; its bias: the column sums of
 * {@code dZ}), and writes {@code T ← β·T + α·S} into the tensor {@code T} named here, with the
 * {@code α} and {@code β} named here, as the {@code alpha} and {@code beta} of
 * {@link Backend#gemm} and {@link Backend#columnSums}. Two updates are in use:
 * <ul>
 *   <li>{@link #STORE_GRADIENT}: {@code T} is the parameter's gradient, {@code α = 1/m},
 *       {@code β = 0}, so the layer stores {@code ∂C/∂θ}; optimizers with state (momentum,
 *       Adam) update from it after the backward pass;</li>
 *   <li>plain SGD ({@code io.nn4j.api.train.Sgd} without momentum): {@code T} is the
 *       parameter's value, {@code α = −η/m}, {@code β = 1 − η·λ}, so the layer applies
 *       {@code θ ← (1 − η·λ)·θ − η·∂C/∂θ} itself and no gradient is stored.</li>
 * </ul>
 * A layer writes a parameter only after it has used its value for the gradient it hands down.
 *
 * <p>Threads: implementations may read state that changes between steps (an optimizer's
 * learning rate), so an update belongs to the thread that trains; {@link #STORE_GRADIENT} is
 * immutable and safe to share.
 */
public interface ParameterUpdate {

    /** Stores each parameter's gradient {@code ∂C/∂θ} in {@link Parameter#gradient()}. */
    ParameterUpdate STORE_GRADIENT = new ParameterUpdate() {
        @Override
        public Tensor target(Parameter parameter) {
            return parameter.gradient();
        }

        @Override
        public float alpha(Parameter parameter, int rows) {
            return 1f / rows;
        }

        @Override
        public float beta(Parameter parameter) {
            return 0f;
        }

        @Override
        public String toString() {
            return "store the gradient";
        }
    };

    /**
     * The tensor {@code T} the layer writes for {@code parameter}: its gradient or its value.
     *
     * @param parameter the parameter
     * @return the tensor written
     */
    Tensor target(Parameter parameter);

    /**
     * The factor {@code α} of the sum over a batch of {@code rows} examples.
     *
     * @param parameter the parameter
     * @param rows the batch size
     * @return the factor {@code α}
     */
    float alpha(Parameter parameter, int rows);

    /**
     * The factor {@code β} that {@code T} keeps.
     *
     * @param parameter the parameter
     * @return the factor {@code β}
     */
    float beta(Parameter parameter);
}
