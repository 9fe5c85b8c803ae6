package io.nn4j.api.train;

import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Parameter;
import java.util.List;

/**
 * Stochastic gradient descent, optionally with momentum (classical or Nesterov):
 * {@code θ −= η · ∂C/∂θ}, or {@code v = μ v + g; θ −= η v} (Nesterov: {@code θ −= η (g + μ v)}).
 * Without momentum the layers apply the update while they back-propagate
 * ({@link io.nn4j.api.nn.InPlaceSgd}), so no gradient of the weights is stored.
 *
 * <p>Not safe to share between threads: like every {@link Optimizer}, it belongs to one training
 * run.
 */
public final class Sgd extends Optimizer {
    private float momentum;
    private boolean nesterov;

    /** Plain gradient descent with step size {@code learningRate}. */
    public Sgd(float learningRate) {
        super(learningRate);
    }

    /**
     * Adds momentum {@code μ} in {@code [0, 1)}; {@code nesterov} looks one step ahead.
     *
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

    /** Without momentum the update is plain SGD, which the layers apply in place. */
    @Override
    protected boolean updatesInPlace() {
        return momentum == 0;
    }

    @Override
    protected void update(Parameter parameter, Tensor[] state, float rate, int t) {
        if (momentum > 0) {
            parameter.value().backend().momentumUpdate(parameter.value(), parameter.gradient(),
                    state[0], rate, momentum, nesterov, weightDecay());
        } else {
            parameter.value().backend().sgdUpdate(parameter.value(), parameter.gradient(), rate,
                    weightDecay());
        }
    }

    @Override
    public String toString() {
        return "SGD(learning rate " + learningRate()
                + (momentum > 0 ? ", momentum " + momentum + (nesterov ? " nesterov" : "") : "")
                + (weightDecay() > 0 ? ", weight decay " + weightDecay() : "") + ")";
    }
}
