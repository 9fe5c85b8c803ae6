package io.nn4j.api.nn;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A fully connected layer with its activation: {@code Z = X·Wᵀ + b}, {@code A = f(Z)}, with
 * {@code W} of shape {@code [out, in]} and {@code b} of shape {@code [out]}.
 *
 * <p>Backward, for a batch of {@code M} rows and {@code dZ = dA ∘ f'(Z)}:
 * {@code dW = dZᵀ·X / M}, {@code db = column sums of dZ / M}, {@code dX = dZ·W}.
 * When a loss is fused with this layer's activation, {@link #backwardFromPreActivation} takes
 * {@code dZ} directly. {@code dW} and {@code db} go where the {@link ParameterUpdate} says: the
 * GEMM {@code T ← β·T + α·dZᵀ·X} and the column sums {@code t ← β·t + α·Σᵢ dZᵢ} write either the
 * gradients or, for plain SGD, the updated weights and bias themselves.
 *
 * <p>Threads: training calls belong to one thread; {@link #infer} may run on many at once (see
 * {@link Layer}).
 */
public final class Dense implements Layer {
    /** The most weights one layer may have: the largest Java array, as a tensor is one. */
    public static final long MAX_WEIGHTS = Integer.MAX_VALUE - 8;

    private final Backend backend;
    private final int inputSize;
    private final int outputSize;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    private final BuffersByBatchSize<Buffers> buffers;
    private Tensor lastInput;
    private Buffers last;

    /**
     * A layer on {@code backend} whose weights are drawn by {@code initializer} from
     * {@code random} and whose biases are zero.
     *
     * @param backend where the layer's tensors live
     * @param name the layer's name, the prefix of its parameters' names
     * @param inputSize features per input row, at least 1
     * @param outputSize features per output row, at least 1
     * @param activation the activation applied after the affine map
     * @param initializer how the weights are drawn
     * @param random the source of the initial weights
     */
    public Dense(Backend backend, String name, int inputSize, int outputSize, Activation activation,
                 Initializer initializer, Random random) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.activation = Objects.requireNonNull(activation, "activation");
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("Dense " + name + ": sizes must be at least 1, got "
                    + inputSize + " inputs and " + outputSize + " outputs");
        }
        long weightCount = (long) outputSize * inputSize;
        if (weightCount > MAX_WEIGHTS) {
            throw new IllegalArgumentException("Dense " + name + ": " + inputSize + " inputs times "
                    + outputSize + " outputs is " + weightCount + " weights; at most "
                    + MAX_WEIGHTS + " fit in one tensor");
        }
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        float[] initial = new float[(int) weightCount];
        initializer.fill(initial, inputSize, outputSize, random);
        Shape weightShape = Shape.matrix(outputSize, inputSize);
        this.weights = new Parameter(name + ".weights", backend.fromArray(initial, weightShape),
                backend.zeros(weightShape));
        this.bias = new Parameter(name + ".bias", backend.zeros(Shape.vector(outputSize)),
                backend.zeros(Shape.vector(outputSize)));
        this.buffers = new BuffersByBatchSize<>(Buffers::new);
    }

    /** The activation applied after the affine map. */
    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        checkInput("forward", input);
        Buffers b = buffers.get(input.shape().rows());
        infer(input, b.forward);
        lastInput = input;
        last = b;
        return b.a;
    }

    /** Two tensors {@code [rows, outputSize]}: {@code Z}, then {@code A}. */
    @Override
    public List<Shape> inferenceBuffers(int rows) {
        Shape shape = Shape.matrix(rows, outputSize);
        return List.of(shape, shape);
    }

    @Override
    public Tensor infer(Tensor input, Tensor[] buffers) {
        checkInput("infer", input);
        backend.denseForward(activation, input, weights.value(), bias.value(), buffers[0],
                buffers[1]);
        return buffers[1];
    }

    private void checkInput(String op, Tensor input) {
        Shape shape = input.shape();
        if (shape.rank() != 2 || shape.cols() != inputSize) {
            throw new IllegalArgumentException("Dense(" + inputSize + " -> " + outputSize
                    + ")." + op + ": input is " + shape + "; expected [batch, " + inputSize + "]");
        }
    }

    @Override
    public Tensor backward(Tensor outputGradient, boolean propagateToInput,
                           ParameterUpdate update) {
        return backwardFromPreActivation(preActivationGradient(outputGradient), propagateToInput,
                update);
    }

    /**
     * Takes {@code dX = dZ·W} first, while {@code W} is unchanged, then the weights and the bias
     * by the GEMM and the column sums that make their gradients, written as {@code update}
     * says: one {@link Backend#denseBackward}.
     */
    @Override
    public Tensor backwardFromPreActivation(Tensor dZ, boolean propagateToInput,
                                            ParameterUpdate update) {
        Buffers b = requireForward(dZ);
        Tensor inputGradient = propagateToInput ? b.dX : null;
        backward(dZ, Activation.IDENTITY, lastInput, inputGradient, update);
        return inputGradient;
    }

    /**
     * {@code dZ = dA ∘ f'(Z)} of the last forward pass, into this layer's own buffer.
     *
     * @param outputGradient {@code dA}, shaped like the last forward output
     * @return {@code dZ}, valid until the next backward pass of this batch size
     */
    Tensor preActivationGradient(Tensor outputGradient) {
        Buffers b = requireForward(outputGradient);
        backend.activationBackward(activation, b.z, b.a, outputGradient, b.dZ);
        return b.dZ;
    }

    /**
     * Back-propagates {@code dZ} into {@code below}, the dense layer whose last output was this
     * layer's last input: writes {@code below}'s pre-activation gradient
     * ({@code (dZ·W) ∘ g'(Z_below)}, returned) and updates this layer's parameters as
     * {@code update} says, in one {@link Backend#denseBackward}.
     *
     * @throws IllegalStateException when {@code below}'s last output is not this layer's input
     */
    Tensor backwardInto(Tensor dZ, Dense below, ParameterUpdate update) {
        requireForward(dZ);
        Buffers under = below.last;
        if (under == null || under.a != lastInput) {
            throw new IllegalStateException(this + ".backward: " + below
                    + " did not make this layer's last input");
        }
        backward(dZ, below.activation, under.z, under.dZ, update);
        return under.dZ;
    }

    private void backward(Tensor dZ, Activation inputActivation, Tensor inputZ,
                          Tensor inputGradient, ParameterUpdate update) {
        int rows = lastInput.shape().rows();
        backend.denseBackward(dZ, lastInput, weights.value(), inputActivation, inputZ,
                inputGradient, update.alpha(weights, rows), update.beta(weights),
                update.target(weights), update.alpha(bias, rows), update.beta(bias),
                update.target(bias));
    }

    private Buffers requireForward(Tensor gradient) {
        if (last == null) {
            throw new IllegalStateException("Dense(" + inputSize + " -> " + outputSize
                    + ").backward called before forward");
        }
        if (!gradient.shape().equals(last.a.shape())) {
            throw new IllegalArgumentException("Dense(" + inputSize + " -> " + outputSize
                    + ").backward: gradient is " + gradient.shape() + "; expected "
                    + last.a.shape() + " like the last forward output");
        }
        return last;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public void close() {
        buffers.close();
        weights.value().close();
        weights.gradient().close();
        bias.value().close();
        bias.gradient().close();
        last = null;
        lastInput = null;
    }

    @Override
    public String toString() {
        return "Dense(" + inputSize + " -> " + outputSize + ", " + activation.id() + ")";
    }

    /** The work tensors of one batch size. */
    private final class Buffers implements AutoCloseable {
        final Tensor z;
        final Tensor a;
        final Tensor dZ;
        final Tensor dX;
        final Tensor[] forward;

        Buffers(int rows) {
            z = backend.zeros(Shape.matrix(rows, outputSize));
            a = backend.zeros(Shape.matrix(rows, outputSize));
            dZ = backend.zeros(Shape.matrix(rows, outputSize));
            dX = backend.zeros(Shape.matrix(rows, inputSize));
            forward = new Tensor[] {z, a};
        }

        @Override
        public void close() {
            z.close();
            a.close();
            dZ.close();
            dX.close();
        }
    }
}
