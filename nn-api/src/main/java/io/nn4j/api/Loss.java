package io.nn4j.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A loss function comparing a network's output {@code A} (one example per row) with targets
 * {@code Y} of the same shape.
 *
 * <p>The loss of a batch is the mean of the per-example losses. Backends compute the
 * <em>per-example</em> gradient; the layers divide by the batch size. A loss may be fused with
 * the output layer's activation ({@link #fusedActivation()}): its gradient is then taken with
 * respect to the pre-activation {@code Z} and is simply {@code A − Y}, which is stable and
 * never divides by {@code f'}.
 * <ul>
 *   <li>{@link #MEAN_SQUARED_ERROR}: {@code ℓ = (1/K) Σ_j (a_j − y_j)²}, gradient with respect
 *       to {@code A}: {@code 2 (a − y) / K}, where {@code K} is the number of outputs.</li>
 *   <li>{@link #CATEGORICAL_CROSSENTROPY}: {@code ℓ = −Σ_j y_j ln max(a_j, 1e-7)} on one-hot
 *       (or probability) rows, fused with softmax: gradient with respect to {@code Z} is
 *       {@code a − y}.</li>
 *   <li>{@link #SPARSE_CATEGORICAL_CROSSENTROPY}: the same on targets given as one class index
 *       per row ({@code [m, 1]}): {@code ℓ = −ln max(a_c, 1e-7)}, gradient {@code a − onehot(c)}.
 *       </li>
 *   <li>{@link #BINARY_CROSSENTROPY}: {@code ℓ = −(1/K) Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]}
 *       with {@code a_j} clamped to {@code [1e-7, 1 − 1e-7]}, fused with sigmoid: gradient with
 *       respect to {@code Z} is {@code (a − y) / K}.</li>
 * </ul>
 *
 * <p>Immutable: safe to share between threads.
 */
public enum Loss {
    /** Mean squared error over the outputs of each example. */
    MEAN_SQUARED_ERROR("mse", null),
    /** Cross-entropy against one-hot targets, fused with a softmax output layer. */
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy", Activation.SOFTMAX),
    /** Cross-entropy against class indices, fused with a softmax output layer. */
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy", Activation.SOFTMAX),
    /** Cross-entropy of independent yes/no outputs, fused with a sigmoid output layer. */
    BINARY_CROSSENTROPY("binary_crossentropy", Activation.SIGMOID);

    /** Smallest probability fed to a logarithm, so a confident wrong answer costs ~16, not ∞. */
    public static final float LOG_CLAMP = 1e-7f;

    private final String id;
    private final Activation fusedActivation;

    Loss(String id, Activation fusedActivation) {
        this.id = id;
        this.fusedActivation = fusedActivation;
    }

    /**
     * The lower-case name used on command lines and in model files.
     *
     * @return the id, e.g. {@code mse}
     */
    public String id() {
        return id;
    }

    /**
     * The output activation this loss is fused with, or {@code null} when the gradient is
     * taken with respect to the activation's output and passed back through {@code f'}.
     *
     * @return the fused activation, or {@code null}
     */
    public Activation fusedActivation() {
        return fusedActivation;
    }

    /**
     * The factor {@code s} of this loss's per-example gradient {@code s · (A − Y)} for a network
     * with {@code outputs} outputs: {@code 2/K} for {@link #MEAN_SQUARED_ERROR} (gradient with
     * respect to {@code A}), {@code 1/K} for {@link #BINARY_CROSSENTROPY} and 1 for the softmax
     * cross-entropies (gradients with respect to {@code Z}), where {@code K = outputs}. Every
     * backend and the float64 reference take the factor from here.
     *
     * @param outputs the network's output width {@code K}
     * @return the factor {@code s}
     */
    public double gradientScale(int outputs) {
        return switch (this) {
            case MEAN_SQUARED_ERROR -> 2.0 / outputs;
            case BINARY_CROSSENTROPY -> 1.0 / outputs;
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> 1.0;
        };
    }

    /**
     * Target values per example for a network with {@code outputs} outputs: 1 (the class index)
     * for {@link #SPARSE_CATEGORICAL_CROSSENTROPY}, else {@code outputs}.
     *
     * @param outputs the network's output width
     * @return target values per example
     */
    public int targetColumns(int outputs) {
        return this == SPARSE_CATEGORICAL_CROSSENTROPY ? 1 : outputs;
    }

    /**
     * The loss with the given {@link #id()} (case-insensitive).
     *
     * @param id a loss's id, in any case
     * @return the loss of that id
     * @throws IllegalArgumentException naming the known losses when none matches
     */
    public static Loss byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        for (Loss loss : values()) {
            if (loss.id.equals(wanted)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + id + "'; expected one of "
                + Arrays.stream(values()).map(Loss::id).collect(Collectors.joining(", ")));
    }
}
