package io.nn4j.api.nn;

/**
 * A plain gradient-descent step that layers apply while they back-propagate, instead of writing
 * gradients for an optimizer to read afterwards: {@code θ ← (1 − η·λ)·θ − η·∂C/∂θ} with learning
 * rate {@code η} and L2 weight decay {@code λ}, the same update as
 * {@link io.nn4j.api.Backend#sgdUpdate}.
 *
 * <p>{@link Dense} folds it into the GEMM that makes the weight gradient
 * ({@code W ← β·W + α·dZᵀ·X} with {@code β = 1 − η·λ} and {@code α = −η/m}) and into the
 * column sums that make the bias gradient ({@code b ← β·b + α·Σᵢ dZᵢ}), so no gradient is
 * stored and the parameters take no separate update pass: with the cpu backend
 * a training step of MNIST's 784-128-10 network is about 15% faster, and one of
 * 784-1024-1024-10 about 20% (docs/benchmarks.md). After such a step a parameter's
 * {@link Parameter#gradient()} tensor holds no meaningful value.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param learningRate η, positive
 * @param weightDecay  λ, zero or positive
 */
public record InPlaceSgd(float learningRate, float weightDecay) {

    /**
     * @throws IllegalArgumentException unless the rate is positive and finite and the decay is
     *                                  zero or positive and finite
     */
    public InPlaceSgd {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got "
                    + learningRate);
        }
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0 and finite, got "
                    + weightDecay);
        }
    }

    /** The factor {@code 1 − η·λ} the parameter keeps before the gradient is subtracted. */
    public float keep() {
        return 1f - learningRate * weightDecay;
    }
}
