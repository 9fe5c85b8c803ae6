package io.nn4j.api.train;

import io.nn4j.api.nn.Parameter;
import java.util.List;

/** Plain stochastic gradient descent: {@code θ −= η · ∂C/∂θ}. Stateless. */
public final class Sgd implements Optimizer {
    private final float learningRate;

    /**
     * Gradient descent with step size {@code learningRate}.
     *
     * @throws IllegalArgumentException unless the rate is positive and finite
     */
    public Sgd(float learningRate) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got "
                    + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            p.value().backend().sgdUpdate(p.value(), p.gradient(), learningRate);
        }
    }

    @Override
    public void close() {
        // no state
    }

    @Override
    public String toString() {
        return "SGD(learning rate " + learningRate + ")";
    }
}
