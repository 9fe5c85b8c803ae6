package io.nn4j.api.train;

import io.nn4j.api.Parameter;
import io.nn4j.api.Tensor;
import java.util.List;

/**
 * Adam (Kingma and Ba): per-parameter steps scaled by running estimates of the gradient's first
 * and second moments, bias-corrected. Defaults β1 = 0.9, β2 = 0.999, ε = 1e-8.
 *
 * <p>Not safe to share between threads: like every {@link Optimizer}, it belongs to one training
 * run.
 */
public final class Adam extends Optimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    /**
     * Adam with the usual defaults and base learning rate {@code learningRate} (often 1e-3).
     *
     * @param learningRate the base step size; positive and finite
     */
    public Adam(float learningRate) {
        this(learningRate, 0.9f, 0.999f, 1e-8f);
    }

    /**
     * Adam with explicit moment decay rates and ε.
     *
     * @param learningRate the base step size; positive and finite
     * @param beta1 the decay rate {@code β1} of the first moment (0.9 by default)
     * @param beta2 the decay rate {@code β2} of the second moment (0.999 by default)
     * @param epsilon the {@code ε} that keeps the denominator from 0 (1e-8 by default)
     * @throws IllegalArgumentException unless {@code 0 ≤ β < 1} and {@code ε > 0}
     */
    public Adam(float learningRate, float beta1, float beta2, float epsilon) {
        super(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs beta1 and beta2 in [0, 1) and epsilon "
                    + "> 0, got " + beta1 + ", " + beta2 + ", " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("m", "v");
    }

    @Override
    protected void update(Parameter parameter, Tensor[] state, float rate, int t) {
        parameter.value().backend().adamUpdate(parameter.value(), parameter.gradient(), state[0],
                state[1], rate, beta1, beta2, epsilon, weightDecay(), t);
    }

    @Override
    public String toString() {
        return "Adam(learning rate " + learningRate() + ", beta1 " + beta1 + ", beta2 " + beta2
                + (weightDecay() > 0 ? ", weight decay " + weightDecay() : "") + ")";
    }
}
