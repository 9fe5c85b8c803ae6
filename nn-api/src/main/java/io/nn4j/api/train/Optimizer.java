package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters, with optional L2 weight decay and a per-epoch {@link LearningRateSchedule}.
 * A step is one backward pass given {@link #parameterUpdate()}, then {@link #finishStep}: by
 * default the backward pass stores the gradients and {@code finishStep} updates each parameter
 * from its gradient with one fused backend op; plain SGD is applied by the backward pass itself
 * and {@code finishStep} only counts the step.
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

    /**
     * An optimizer with base learning rate {@code learningRate}.
     *
     * @param learningRate the rate before any schedule; positive and finite
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
     * @param weightDecay the L2 factor {@code λ}, 0 for none
     * @return this optimizer, for chaining
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

    /**
     * Sets the per-epoch learning-rate schedule (constant by default).
     *
     * @param schedule the factor applied to the base rate in each epoch
     * @return this optimizer, for chaining
     */
    public Optimizer schedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /**
     * Applies the schedule for the epoch with 0-based index {@code epoch}.
     *
     * @param epoch the epoch about to start, counted from 0
     */
    public void startEpoch(int epoch) {
        startEpoch(epoch, 1, 0);
    }

    /**
     * Applies the schedule and a plateau's reductions ({@link ReduceLrOnPlateau}): the scheduled
     * rate times {@code plateauFactor}, but a reduction never below {@code floor} (nor above the
     * scheduled rate).
     */
    void startEpoch(int epoch, double plateauFactor, float floor) {
        double scheduled = baseRate * schedule.factor(epoch);
        rate = plateauFactor == 1 ? (float) scheduled
                : (float) Math.max(scheduled * plateauFactor, Math.min(floor, scheduled));
    }

    /**
     * The learning rate the next step uses.
     *
     * @return the base rate times the schedule's factor for the current epoch
     */
    public float learningRate() {
        return rate;
    }

    /**
     * The L2 weight decay.
     *
     * @return the L2 factor {@code λ}; 0 when none was set
     */
    public float weightDecay() {
        return weightDecay;
    }

    /**
     * How the layers' backward pass of the next step applies what it finds to each parameter
     * (see {@link ParameterUpdate}): by default it stores the gradients, which
     * {@link #finishStep} then reads.
     *
     * @return the update the layers apply to their parameters in the next backward pass
     */
    public ParameterUpdate parameterUpdate() {
        return ParameterUpdate.STORE_GRADIENT;
    }

    /**
     * Finishes a step whose backward pass applied {@link #parameterUpdate()}: counts it and
     * updates each parameter as this optimizer needs (from its gradient, with its state).
     *
     * @param parameters every trainable parameter of the model, in the model's order
     */
    public final void finishStep(List<Parameter> parameters) {
        steps++;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            update(parameter, stateOf(parameter), rate, steps);
        }
    }

    /**
     * Number of steps taken (Adam's {@code t}).
     *
     * @return the steps finished, restored ones included
     */
    public final int steps() {
        return steps;
    }

    /**
     * Sets the step count, when restoring a checkpoint.
     *
     * @param steps the step count the checkpoint holds
     */
    public final void restoreSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        this.steps = steps;
    }

    /**
     * The state tensors of {@code parameters}, made (zero) where missing, by name
     * ({@code <parameter>.<stateName>}), for writing or restoring a checkpoint.
     *
     * @param parameters the parameters whose state is wanted
     * @return the state tensors by name, in the order of {@code parameters} and then of {@link
     *     #stateNames()}
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

    /**
     * Names of the state tensors kept per parameter (empty for stateless optimizers).
     *
     * @return the suffixes of the state tensors' names, e.g. {@code m} and {@code v} for Adam
     */
    protected abstract List<String> stateNames();

    /**
     * Finishes one parameter's update after the backward pass with its state tensors at
     * learning rate {@code rate}, step {@code t}.
     *
     * @param parameter the parameter to update, its gradient stored by the backward pass
     * @param state its state tensors, in the order of {@link #stateNames()}
     * @param rate the learning rate of this step
     * @param t the number of this step, counted from 1
     */
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
