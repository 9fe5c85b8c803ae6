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
 *   <li>{@link #SOFTMAX}: {@code a_j = e^(z_j - max z) / Σ_k e^(z_k - max z)} per row;
 *       {@code dz_j = a_j (da_j - Σ_k da_k a_k)}</li>
 * </ul>
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
    /** Softmax over each row: the outputs of a row are positive and sum to 1. */
    SOFTMAX;

    /** The lower-case name used on command lines and in model files, e.g. {@code relu}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The activation with the given {@link #id()} (case-insensitive).
     *
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
