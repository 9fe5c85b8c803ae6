package io.nn4j.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An activation function {@code a = f(z)}, applied elementwise (softmax: per row).
 *
 * <p>Each backend implements the forward value and the backward product
 * {@code dZ = dA ∘ f'(Z)} (for softmax, the row's Jacobian-vector product). The formulas, in
 * the notation of {@code docs/math.md}:
 * <ul>
 *   <li>{@link #IDENTITY}: {@code f(z) = z}, {@code f'(z) = 1}</li>
 *   <li>{@link #SIGMOID}: {@code f(z) = 1 / (1 + e^-z)}, {@code f'(z) = a (1 - a)}</li>
 *   <li>{@link #TANH}: {@code f(z) = tanh z}, {@code f'(z) = 1 - a²}</li>
 *   <li>{@link #RELU}: {@code f(z) = max(0, z)}, {@code f'(z) = 1 if z > 0 else 0} (0 at 0)</li>
 *   <li>{@link #LEAKY_RELU}: {@code f(z) = z if z > 0 else s·z}, {@code f'(z) = 1 if z > 0 else s},
 *       with {@code s =} {@value #LEAKY_RELU_SLOPE}</li>
 *   <li>{@link #GELU}: {@code f(z) = z·Φ(z) = z (1 + erf(z/√2)) / 2} (exact, not the tanh
 *       approximation), {@code f'(z) = Φ(z) + z·φ(z)}</li>
 *   <li>{@link #ELU}: {@code f(z) = z if z > 0 else e^z − 1}, {@code f'(z) = 1 if z > 0 else e^z}</li>
 *   <li>{@link #SILU}: {@code f(z) = z·σ(z)}, {@code f'(z) = σ(z) (1 + z (1 − σ(z)))}</li>
 *   <li>{@link #SOFTPLUS}: {@code f(z) = ln(1 + e^z)}, {@code f'(z) = σ(z)}</li>
 *   <li>{@link #SOFTMAX}: {@code a_j = e^(z_j - max z) / Σ_k e^(z_k - max z)} per row;
 *       {@code dz_j = a_j (da_j - Σ_k da_k a_k)}</li>
 * </ul>
 *
 * <p>Immutable: safe to share between threads.
 */
public enum Activation {
    /** {@code f(z) = z}. */
    IDENTITY,
    /** The logistic function. */
    SIGMOID,
    /** The hyperbolic tangent. */
    TANH,
    /** The rectified linear unit. */
    RELU,
    /** ReLU with slope {@value #LEAKY_RELU_SLOPE} below zero, so no unit dies for good. */
    LEAKY_RELU,
    /** The Gaussian error linear unit, exact: {@code z·Φ(z)}. */
    GELU,
    /** The exponential linear unit with α = 1. */
    ELU,
    /** The sigmoid-weighted linear unit (Swish): {@code z·σ(z)}. */
    SILU,
    /** The smooth ReLU {@code ln(1 + e^z)}. */
    SOFTPLUS,
    /** Softmax over each row: the outputs of a row are positive and sum to 1. */
    SOFTMAX;

    /** The slope of {@link #LEAKY_RELU} below zero (PyTorch's default). */
    public static final float LEAKY_RELU_SLOPE = 0.01f;

    private final String id = name().toLowerCase(Locale.ROOT);

    /**
     * The lower-case name used on command lines and in model files, e.g. {@code relu}.
     *
     * @return the id, e.g. {@code leaky_relu}
     */
    public String id() {
        return id;
    }

    /**
     * The activation with the given {@link #id()} (case-insensitive).
     *
     * @param id an activation's id, in any case
     * @return the activation of that id
     * @throws IllegalArgumentException naming the known activations when none matches
     */
    public static Activation byId(String id) {
        for (Activation activation : values()) {
            if (activation.id().equalsIgnoreCase(id)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "'; expected one of "
                + Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", ")));
    }
}
