package io.nn4j.api.train;

import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent, optionally with momentum (classical or Nesterov):
 * {@code θ −= η · ∂C/∂θ}, or {@code v = μ v + g; θ −= η v} (Nesterov: {@code θ −= η (g + μ v)}).
 * Without momentum the layers apply the update while they back-propagate: its
 * {@link #parameterUpdate()} folds {@code θ ← (1 − η·λ)·θ − η·∂C/∂θ} into the ops that would
 * make the gradients (a dense layer's weights: {@code W ← β·W + α·dZᵀ·X} with
 * {@code β = 1 − η·λ} and {@code α = −η/m}), so no gradient is stored and no separate update
 * pass runs.
 *
 * <p>Not safe to share between threads: like every {@link Optimizer}, it belongs to one training
 * run.
 */
public final class Sgd extends Optimizer {
    private final ParameterUpdate plainStep = new PlainStep();
    private float momentum;
    private boolean nesterov;

    /**
     * Plain gradient descent with step size {@code learningRate}.
     *
     * @param learningRate the step size; positive and finite
     */
    public Sgd(float learningRate) {
        super(learningRate);
    }

    /**
     * Adds momentum {@code μ} in {@code [0, 1)}; {@code nesterov} looks one step ahead.
     *
     * @param momentum the factor {@code μ} of the old velocity, in {@code [0, 1)}
     * @param nesterov whether to use Nesterov's look-ahead
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException for a momentum outside {@code [0, 1)}
     */
    public Sgd momentum(float momentum, boolean nesterov) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        return this;
    }

    @Override
    protected List<String> stateNames() {
        return momentum > 0 ? List.of("velocity") : List.of();
    }

    /** Without momentum: the step itself, applied by the layers; with it: store the gradient. */
    @Override
    public ParameterUpdate parameterUpdate() {
        return momentum > 0 ? super.parameterUpdate() : plainStep;
    }

    /** With momentum, the update from the gradient; plain SGD was applied by the layers. */
    @Override
    protected void update(Parameter parameter, Tensor[] state, float rate, int t) {
        if (momentum > 0) {
            parameter.value().backend().momentumUpdate(parameter.value(), parameter.gradient(),
                    state[0], rate, momentum, nesterov, weightDecay());
        }
    }

    @Override
    public String toString() {
        return "SGD(learning rate " + learningRate()
                + (momentum > 0 ? ", momentum " + momentum + (nesterov ? " nesterov" : "") : "")
                + (weightDecay() > 0 ? ", weight decay " + weightDecay() : "") + ")";
    }

    /** Plain SGD at the current learning rate and weight decay, written into the values. */
    private final class PlainStep implements ParameterUpdate {
        @Override
        public Tensor target(Parameter parameter) {
            return parameter.value();
        }

        @Override
        public float alpha(Parameter parameter, int rows) {
            return -learningRate() * (1f / rows);
        }

        @Override
        public float beta(Parameter parameter) {
            return 1f - learningRate() * weightDecay();
        }

        @Override
        public String toString() {
            return "plain SGD in place (learning rate " + learningRate() + ", weight decay "
                    + weightDecay() + ")";
        }
    }
}
