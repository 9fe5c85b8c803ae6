package io.nn4j.api.nn;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.List;

/**
 * Inverted dropout: while training, each element is zeroed with probability {@code rate} and the
 * survivors are scaled by {@code 1 / (1 − rate)}, so evaluation needs no rescaling and passes the
 * input through unchanged. The mask comes from the backend's {@link Backend#dropout} op, drawn
 * from this layer's seed and a step counter, so the same seed gives the same masks on every
 * backend.
 *
 * <p>Threads: training calls belong to one thread; {@link #infer} may run on many at once (see
 * {@link Layer}).
 */
public final class Dropout implements Layer {
    private static final long STEP_STRIDE = 0x9E3779B97F4A7C15L;

    private final Backend backend;
    private final int size;
    private final float rate;
    private long seed;
    private final BuffersByBatchSize<Buffers> buffers;
    private long step;
    private Buffers last;

    /**
     * A dropout layer over rows of {@code size} features.
     *
     * @param backend where the layer's tensors live
     * @param size features per row, in and out
     * @param rate the probability of dropping an element while training, in {@code [0, 1)}
     * @param seed the seed of the first mask
     * @throws IllegalArgumentException for a rate outside {@code [0, 1)}
     */
    public Dropout(Backend backend, int size, float rate, long seed) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.backend = backend;
        this.size = size;
        this.rate = rate;
        this.seed = seed;
        this.buffers = new BuffersByBatchSize<>(Buffers::new);
    }

    /**
     * The probability of dropping an element while training.
     *
     * @return the rate, in {@code [0, 1)}
     */
    public float rate() {
        return rate;
    }

    /**
     * Where the layer's masks come from: its seed and how many masks it has drawn.
     *
     * @return the seed and the number of masks drawn
     */
    public MaskStream maskStream() {
        return new MaskStream(seed, step);
    }

    /**
     * Continues the masks from {@code stream}, when restoring a checkpoint: the next training pass
     * draws the mask an unbroken run would have drawn.
     *
     * @param stream the position saved in the checkpoint
     */
    public void continueMasks(MaskStream stream) {
        this.seed = stream.seed();
        this.step = stream.drawn();
    }

    /**
     * The position in a dropout layer's masks: the next training pass draws its mask from
     * {@code seed} and {@code drawn}. Immutable: safe to share between threads.
     *
     * @param seed  the layer's seed, drawn when the network was built
     * @param drawn masks drawn so far, at least 0
     */
    public record MaskStream(long seed, long drawn) {
        /**
         * Checks the count.
         *
         * @param seed the layer's seed
         * @param drawn masks drawn so far, at least 0
         */
        public MaskStream {
            if (drawn < 0) {
                throw new IllegalArgumentException("masks drawn must be >= 0, got " + drawn);
            }
        }
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        checkInput("forward", input);
        if (!training || rate == 0f) {
            last = null;
            return input;
        }
        Buffers b = buffers.get(input.shape().rows());
        backend.dropout(rate, seed + step++ * STEP_STRIDE, input, b.mask, b.y);
        last = b;
        return b.y;
    }

    /** None: evaluation passes the input through. */
    @Override
    public List<Shape> inferenceBuffers(int rows) {
        return List.of();
    }

    /** Returns {@code input}: dropout only acts while training. */
    @Override
    public Tensor infer(Tensor input, Tensor[] buffers) {
        checkInput("infer", input);
        return input;
    }

    /** None: {@link Activation#IDENTITY}. */
    @Override
    public Activation activation() {
        return Activation.IDENTITY;
    }

    /** Masks the gradient as the forward pass masked the input; no parameters to update. */
    @Override
    public Tensor backward(Tensor outputGradient, boolean propagateToInput,
                           ParameterUpdate update) {
        if (!propagateToInput) {
            return null;
        }
        if (last == null) {
            return outputGradient;
        }
        backend.multiply(outputGradient, last.mask, last.dX);
        return last.dX;
    }

    /** The same as {@link #backward}: without an activation, the output is the pre-activation. */
    @Override
    public Tensor backwardFromPreActivation(Tensor preActivationGradient, boolean propagateToInput,
                                            ParameterUpdate update) {
        return backward(preActivationGradient, propagateToInput, update);
    }

    private void checkInput(String op, Tensor input) {
        if (input.shape().cols() != size) {
            throw new IllegalArgumentException("Dropout(" + size + ")." + op + ": input is "
                    + input.shape() + "; expected [batch, " + size + "]");
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void close() {
        buffers.close();
        last = null;
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }

    /** The work tensors of one batch size. */
    private final class Buffers implements AutoCloseable {
        final Tensor mask;
        final Tensor y;
        final Tensor dX;

        Buffers(int rows) {
            mask = backend.zeros(Shape.matrix(rows, size));
            y = backend.zeros(Shape.matrix(rows, size));
            dX = backend.zeros(Shape.matrix(rows, size));
        }

        @Override
        public void close() {
            mask.close();
            y.close();
            dX.close();
        }
    }
}
