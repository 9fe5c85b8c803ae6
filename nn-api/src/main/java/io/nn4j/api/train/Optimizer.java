package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.InPlaceSgd;
import io.nn4j.api.nn.Parameter;
import io.nn4j.api.nn.Sequential;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients after each backward pass, one fused backend op per
 * parameter, with optional L2 weight decay and a per-epoch {@link LearningRateSchedule}.
 *
 * <p>State (momentum, Adam's moments) lives on the parameters' backend, is made on first use and
 * is freed by {@link #close()}. It can be read and restored for checkpoints
 * ({@link #stateTensors}, {@link #steps()}, {@link #restoreSteps}).
 *
 * <p>Not safe to share between threads: its step count, learning rate and state belong to one
 * training run on one thread.
 */
public abstract class Optimizer implements AutoCloseable {
    private final float baseRate;
    private float weightDecay;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private float rate;
    private int steps;
    private final Map<Parameter, Tensor[]> state = new LinkedHashMap<>();
    private InPlaceSgd inPlace;

    /**
     * An optimizer with base learning rate {@code learningRate}.
     *
     * @throws IllegalArgumentException unless the rate is positive and finite
     */
    protected Optimizer(float learningRate) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got "
                    + learningRate);
        }
        this.baseRate = learningRate;
        this.rate = learningRate;
    }

    /**
     * Adds L2 weight decay: each update uses {@code grad + weightDecay · param}.
     *
     * @throws IllegalArgumentException for a negative or non-finite value
     */
    public Optimizer weightDecay(float weightDecay) {
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0 and finite, got "
                    + weightDecay);
        }
        this.weightDecay = weightDecay;
        return this;
    }

    /** Sets the per-epoch learning-rate schedule (constant by default). */
    public Optimizer schedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /** Applies the schedule for the epoch with 0-based index {@code epoch}. */
    public void startEpoch(int epoch) {
        rate = (float) (baseRate * schedule.factor(epoch));
    }

    /** The learning rate the next step uses. */
    public float learningRate() {
        return rate;
    }

    /** The L2 weight decay. */
    public float weightDecay() {
        return weightDecay;
    }

    /** Applies one update to every parameter from its current gradient. */
    public final void step(List<Parameter> parameters) {
        steps++;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            update(parameter, stateOf(parameter), rate, steps);
        }
    }

    /**
     * Begins a step that the layers apply while they back-propagate
     * ({@link Sequential#backwardAndUpdate}), when this optimizer's update is plain SGD: counts
     * the step and returns its learning rate and weight decay. Returns {@code null}, counting
     * nothing, when the update needs the gradients (momentum, Adam): then back-propagate with
     * {@link Sequential#backward} and call {@link #step}.
     */
    public final InPlaceSgd beginInPlaceStep() {
        if (!updatesInPlace()) {
            return null;
        }
        steps++;
        if (inPlace == null || inPlace.learningRate() != rate
                || inPlace.weightDecay() != weightDecay) {
            inPlace = new InPlaceSgd(rate, weightDecay);
        }
        return inPlace;
    }

    /** Whether the update is plain SGD, which the layers can apply in place (not by default). */
    protected boolean updatesInPlace() {
        return false;
    }

    /** Number of steps taken (Adam's {@code t}). */
    public final int steps() {
        return steps;
    }

    /** Sets the step count, when restoring a checkpoint. */
    public final void restoreSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        this.steps = steps;
    }

    /**
     * The state tensors of {@code parameters}, made (zero) where missing, by name
     * ({@code <parameter>.<stateName>}), for writing or restoring a checkpoint.
     */
    public final Map<String, Tensor> stateTensors(List<Parameter> parameters) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        List<String> names = stateNames();
        for (Parameter parameter : parameters) {
            Tensor[] tensors = stateOf(parameter);
            for (int i = 0; i < tensors.length; i++) {
                named.put(parameter.name() + "." + names.get(i), tensors[i]);
            }
        }
        return named;
    }

    /** Names of the state tensors kept per parameter (empty for stateless optimizers). */
    protected abstract List<String> stateNames();

    /** Updates one parameter with its state tensors at learning rate {@code rate}, step {@code t}. */
    protected abstract void update(Parameter parameter, Tensor[] state, float rate, int t);

    /** The parameter's state tensors, made (zero) on first use. */
    private Tensor[] stateOf(Parameter parameter) {
        Tensor[] tensors = state.get(parameter);
        if (tensors == null) {
            Backend backend = parameter.value().backend();
            Shape shape = parameter.value().shape();
            tensors = new Tensor[stateNames().size()];
            for (int i = 0; i < tensors.length; i++) {
                tensors[i] = backend.zeros(shape);
            }
            state.put(parameter, tensors);
        }
        return tensors;
    }

    /** Frees the state tensors. */
    @Override
    public void close() {
        for (Tensor[] tensors : state.values()) {
            for (Tensor tensor : tensors) {
                tensor.close();
            }
        }
        state.clear();
    }
}
