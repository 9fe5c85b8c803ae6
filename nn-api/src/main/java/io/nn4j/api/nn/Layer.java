package io.nn4j.api.nn;

import io.nn4j.api.Activation;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.List;

/**
 * One stage of a {@link Sequential} network, with a hand-written backward pass.
 *
 * <p>A layer owns the tensors it returns: they stay valid until its next call of the same kind
 * and are freed by {@link #close()}. Buffers are sized per batch size and reused, so a warm
 * training step allocates nothing.
 *
 * <p>Threads: {@link #forward}, {@link #backward} and {@link #backwardFromPreActivation} use the
 * layer's own buffers and belong to one training thread. {@link #infer} writes only the buffers
 * it is given and reads the parameters, so many threads may run it at once, each with its own
 * buffers, while no thread trains the layer; {@link Sequential#predict} arranges exactly that.
 */
public interface Layer extends AutoCloseable {

    /**
     * Number of features each input row has.
     *
     * @return the input width
     */
    int inputSize();

    /**
     * Number of features each output row has.
     *
     * @return the output width
     */
    int outputSize();

    /**
     * Computes this layer's output for a batch {@code [m, inputSize]}, remembering what the
     * backward pass needs. {@code training} is false for evaluation and prediction.
     *
     * @param input the batch, {@code [m, inputSize]}
     * @param training whether this is a training pass (dropout then drops)
     * @return the output {@code [m, outputSize]}, owned by the layer
     */
    Tensor forward(Tensor input, boolean training);

    /**
     * The shapes of the work tensors {@link #infer} needs for a batch of {@code rows} examples,
     * in the order it takes them (empty when it needs none).
     *
     * @param rows the batch size
     * @return the buffer shapes, in order
     */
    List<Shape> inferenceBuffers(int rows);

    /**
     * Computes this layer's evaluation output for {@code input} {@code [m, inputSize]} in
     * {@code buffers}, tensors shaped as {@link #inferenceBuffers inferenceBuffers(m)} says,
     * reading the parameters and writing nothing else: the same values {@code forward(input,
     * false)} gives. Modifies {@code buffers}.
     *
     * @param input the batch, {@code [m, inputSize]}
     * @param buffers the work tensors, shaped as {@link #inferenceBuffers} says
     * @return the output {@code [m, outputSize]}: one of {@code buffers}, or {@code input}
     *     itself for a layer that passes it through
     */
    Tensor infer(Tensor input, Tensor[] buffers);

    /**
     * The activation this layer applies last ({@link Activation#IDENTITY} for a layer without
     * one): a loss fused with it hands {@link #backwardFromPreActivation} its gradient.
     *
     * @return the last activation
     */
    Activation activation();

    /**
     * Back-propagates the gradient of the loss with respect to this layer's last output: applies
     * {@code update} to each of its parameters (stores the gradient, or folds the optimizer's
     * step into the op that makes it; see {@link ParameterUpdate}) and, when
     * {@code propagateToInput}, returns the gradient with respect to its input (otherwise
     * {@code null}), taken before any parameter changes.
     *
     * @param outputGradient the gradient with respect to the last output, {@code [m, outputSize]}
     * @param propagateToInput whether to compute the gradient with respect to the input
     * @param update what to do with each parameter's gradient
     * @return the input gradient {@code [m, inputSize]}, owned by the layer, or {@code null}
     */
    Tensor backward(Tensor outputGradient, boolean propagateToInput, ParameterUpdate update);

    /**
     * {@link #backward} from the gradient with respect to this layer's pre-activation
     * {@code Z} (the input of its {@link #activation()}), for a loss computed together with that
     * activation whose gradient already contains {@code f'}. For a layer whose activation is
     * {@link Activation#IDENTITY} the two gradients are the same.
     *
     * @param preActivationGradient the gradient with respect to {@code Z}, {@code [m, outputSize]}
     * @param propagateToInput whether to compute the gradient with respect to the input
     * @param update what to do with each parameter's gradient
     * @return the input gradient {@code [m, inputSize]}, owned by the layer, or {@code null}
     */
    Tensor backwardFromPreActivation(Tensor preActivationGradient, boolean propagateToInput,
                                     ParameterUpdate update);

    /**
     * The trainable parameters, in a fixed order (empty for layers without any).
     *
     * @return the parameters
     */
    List<Parameter> parameters();

    /** Frees every tensor the layer holds. */
    @Override
    void close();
}
