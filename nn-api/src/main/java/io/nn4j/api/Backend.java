package io.nn4j.api;

import java.util.Optional;

/**
 * A compute backend: it makes tensors and runs every op a network needs on them.
 *
 * <p>Every op writes into output tensors it is given and allocates nothing (EJML style); the
 * javadoc of each op names the arguments it modifies. All tensors passed to an op must come
 * from this backend and be open; shapes must match as stated. Violations throw
 * {@link IllegalArgumentException} (or {@link IllegalStateException} for a closed tensor)
 * naming the op, the argument, its shape and what was expected; the shared checks live in
 * {@link io.nn4j.api.spi.CheckedBackend}, the base every backend extends.
 *
 * <p>Ops may run asynchronously (on a device queue); {@link #toArray(Tensor)} and
 * {@link #copyOut(Tensor, float[], int)} wait for the work that produces their data.
 * Matrices are row-major; a vector {@code [n]} reads as a {@code [1, n]} matrix.
 *
 * <p>Threads: a backend is safe to share. Ops may be called from several threads at once, as
 * long as no tensor written by one op is used by another op running at the same time (two
 * models, or two inference calls with their own work tensors, on one backend is fine); ops on
 * one queue run in the order they were called. After {@link #close()} every tensor of the
 * backend reads as closed and every op refuses it.
 *
 * <p>Implementations: see {@code docs/backends.md} and the conformance kit in nn-api's test-jar.
 */
public interface Backend extends AutoCloseable {

    /**
     * The provider name this backend was opened under, e.g. {@code cpu}.
     *
     * @return the name, e.g. {@code opencl}
     */
    String name();

    /**
     * A one-line description of what runs the ops (library, engine, device).
     *
     * @return a human-readable description
     */
    String description();

    // ---- tensors -------------------------------------------------------------------------

    /**
     * A new tensor of the given shape, filled with zeros. The caller owns and closes it.
     *
     * @param shape the new tensor's shape
     * @return the new tensor
     */
    Tensor zeros(Shape shape);

    /**
     * A new tensor holding a copy of {@code data} (row-major).
     *
     * @param data the values, row-major
     * @param shape the new tensor's shape
     * @return the new tensor, owned by the caller
     * @throws IllegalArgumentException when {@code data.length != shape.size()}
     */
    Tensor fromArray(float[] data, Shape shape);

    /**
     * Copies {@code dst.shape().size()} floats from {@code src}, starting at {@code offset},
     * into {@code dst}. Modifies {@code dst}. {@code src} may be reused once this returns.
     *
     * @param src the values, row-major
     * @param offset the index in {@code src} of the first value copied
     * @param dst the tensor written
     */
    void copyIn(float[] src, int offset, Tensor dst);

    /**
     * Gathers a batch: copies rows {@code rows[from]}, …, {@code rows[from + m − 1]} of
     * {@code src}, a row-major array of rows as wide as {@code dst}, into the {@code m} rows of
     * {@code dst}, in that order (a shuffled batch in one pass). Modifies {@code dst}.
     * {@code src} and {@code rows} may be reused once this returns.
     *
     * @param src the rows, row-major, each as wide as {@code dst}
     * @param rows the indices of the rows to copy
     * @param from the position in {@code rows} of the first row copied
     * @param dst the tensor written, one row per copied row
     */
    void copyInRows(float[] src, int[] rows, int from, Tensor dst);

    /**
     * Keeps a data set's rows in this backend's memory, when the backend keeps data and they
     * fit, so that batches are gathered there ({@link KeptRows#gather}) instead of copied from
     * the host each time ({@link #copyInRows}), with the same values bit for bit. The arrays are
     * copied: they may change once this returns. A training step keeps its data set this way
     * when the backend offers it.
     *
     * <p>The default keeps nothing and returns empty: the caller copies each batch from the
     * host, which is right for a backend whose tensors are host memory. A device backend
     * overrides it (through {@link io.nn4j.api.spi.CheckedBackend#doKeepRows}).
     *
     * @param features     the feature rows, row-major, {@code featureCount} values each
     * @param featureCount the features per example, at least 1
     * @param targets      the target rows, row-major, {@code targetCount} values each, as many
     *                     rows as {@code features}
     * @param targetCount  the targets per example, at least 1
     * @return the kept rows, owned by the caller, or empty when this backend does not keep
     *     data or they do not fit its memory
     * @throws IllegalArgumentException when the arrays are not whole rows, hold no row, or
     *                                  hold different numbers of rows
     */
    default Optional<KeptRows> keepRows(float[] features, int featureCount, float[] targets,
                                        int targetCount) {
        return Optional.empty();
    }

    /**
     * {@link #keepRows(float[], int, float[], int)} for features coded as bytes: feature value
     * {@code i} is {@code palette[codes[i] & 0xFF]} (image pixels held as bytes, with the float
     * of every byte value). A backend keeps the codes and the palette, a quarter of the memory
     * of the floats, and gathers the very floats the palette holds.
     *
     * @param codes        the feature rows as indices into {@code palette}, row-major,
     *                     {@code featureCount} each
     * @param palette      the float of each code, at most 256; every code must index it
     * @param featureCount the features per example, at least 1
     * @param targets      the target rows, row-major, as many rows as {@code codes}
     * @param targetCount  the targets per example, at least 1
     * @return the kept rows, owned by the caller, or empty when this backend does not keep
     *     data or they do not fit its memory
     * @throws IllegalArgumentException when the arrays are not whole rows, hold no row or
     *                                  different numbers of rows, the palette is empty or
     *                                  longer than 256, or a code does not index it
     */
    default Optional<KeptRows> keepRows(byte[] codes, float[] palette, int featureCount,
                                        float[] targets, int targetCount) {
        return Optional.empty();
    }

    /**
     * Copies all of {@code src} into {@code dst} starting at {@code offset}, after the work that
     * writes {@code src} has finished. Modifies {@code dst}.
     *
     * @param src the tensor read
     * @param dst the array written
     * @param offset the index in {@code dst} of the first value written
     */
    void copyOut(Tensor src, float[] dst, int offset);

    /**
     * A new array with the tensor's contents, row-major.
     *
     * @param tensor a tensor of this backend
     * @return its values, row-major
     */
    default float[] toArray(Tensor tensor) {
        float[] data = new float[tensor.shape().size()];
        copyOut(tensor, data, 0);
        return data;
    }

    /**
     * The tensors this backend holds open and their bytes.
     *
     * @return a snapshot of the open tensors' count and bytes
     */
    MemoryStats memory();

    // ---- linear algebra ------------------------------------------------------------------

    /**
     * General matrix multiply: {@code C = alpha · op(A) · op(B) + beta · C}, where
     * {@code op(X)} is {@code Xᵀ} when the matching flag is set. {@code op(A)} is
     * {@code [m, k]}, {@code op(B)} is {@code [k, n]}, {@code C} is {@code [m, n]}; {@code C}
     * must not be {@code A} or {@code B}. When {@code beta == 0}, {@code C}'s old contents are
     * ignored (NaN included). Modifies {@code C}.
     *
     * @param transposeA whether {@code op(A)} is {@code Aᵀ}
     * @param transposeB whether {@code op(B)} is {@code Bᵀ}
     * @param alpha the factor of the product
     * @param a the left matrix {@code A}
     * @param b the right matrix {@code B}
     * @param beta the factor of {@code C}'s old contents
     * @param c the result {@code C}
     */
    void gemm(boolean transposeA, boolean transposeB, float alpha, Tensor a, Tensor b, float beta,
              Tensor c);

    // ---- layer ops -----------------------------------------------------------------------

    /**
     * Dense layer forward tail: {@code Z += bias} (bias added to every row), then
     * {@code A = f(Z)}. {@code Z} and {@code A} are {@code [m, n]}, {@code bias} is {@code [n]};
     * {@code A} may not be {@code Z}. Modifies {@code Z} and {@code A}.
     *
     * @param f the activation
     * @param z the pre-activation {@code Z} {@code [m, n]}, the bias added in place
     * @param bias the bias {@code [n]}
     * @param a the activation output {@code A} {@code [m, n]}
     */
    void biasActivation(Activation f, Tensor z, Tensor bias, Tensor a);

    /**
     * Activation backward: {@code dZ = dA ∘ f'(Z)} (for softmax, per row
     * {@code dz_j = a_j (da_j − Σ_k da_k a_k)}). {@code A = f(Z)} is passed so a backend may use
     * whichever is cheaper. All four are {@code [m, n]}; {@code dZ} may be {@code dA}.
     * Modifies {@code dZ}.
     *
     * @param f the activation
     * @param z its input {@code Z}
     * @param a its output {@code A = f(Z)}
     * @param dA the gradient with respect to {@code A}
     * @param dZ the gradient with respect to {@code Z}, written
     */
    void activationBackward(Activation f, Tensor z, Tensor a, Tensor dA, Tensor dZ);

    /**
     * Column sums: {@code out_j = alpha · Σ_i m_ij + beta · out_j}, for {@code m} of shape
     * {@code [r, n]} and {@code out} of shape {@code [n]}: a bias gradient ({@code beta = 0}),
     * or a bias's SGD step folded in as {@link #gemm}'s {@code beta} folds in the weights'.
     * With {@code beta = 0}, {@code out}'s old values are not read (a NaN there does not
     * propagate). Modifies {@code out}.
     *
     * @param alpha the factor of the sums
     * @param m the matrix {@code [r, n]} summed over its rows
     * @param beta the factor of {@code out}'s old values
     * @param out the result {@code [n]}
     */
    void columnSums(float alpha, Tensor m, float beta, Tensor out);

    /**
     * A dense layer's forward pass: {@code Z = X·Wᵀ + b}, then {@code A = f(Z)}; the same as
     * {@link #gemm}{@code (false, true, 1, X, W, 0, Z)} then {@link #biasActivation}, which a
     * backend may run as one pass. {@code X} is {@code [m, k]}, {@code W} {@code [n, k]},
     * {@code bias} {@code [n]}, {@code Z} and {@code A} {@code [m, n]}; {@code Z} and {@code A}
     * are distinct from each other and from {@code X} and {@code W}. Modifies {@code Z} and
     * {@code A}.
     *
     * @param f the activation
     * @param x the layer's input {@code X} {@code [m, k]}
     * @param w the weights {@code W} {@code [n, k]}
     * @param bias the bias {@code [n]}
     * @param z the pre-activation {@code Z} {@code [m, n]}, written
     * @param a the activation output {@code A} {@code [m, n]}, written
     */
    void denseForward(Activation f, Tensor x, Tensor w, Tensor bias, Tensor z, Tensor a);

    /**
     * A dense layer's backward pass from its pre-activation gradient {@code dZ} {@code [m, n]},
     * for its input {@code X} {@code [m, k]} and weights {@code W} {@code [n, k]}, in this order:
     * <ol>
     *   <li>when {@code inputGradient} is not null, the gradient with respect to the
     *   pre-activation {@code inputZ} {@code [m, k]} of the layer below, whose activation
     *   {@code g} made {@code X = g(inputZ)}: {@code inputGradient = (dZ·W) ∘ g'(inputZ)} (with
     *   {@link #activationBackward}'s formula, softmax's row Jacobian included), taken from
     *   {@code W} before it changes. {@code g = IDENTITY} (and {@code inputZ = X}) gives the
     *   plain {@code dZ·W};</li>
     *   <li>{@code weightTarget ← weightBeta · weightTarget + weightAlpha · dZᵀ·X}, as
     *   {@link #gemm}{@code (true, false, ...)} ({@code weightTarget} may be {@code W}: an SGD
     *   step folded in);</li>
     *   <li>{@code biasTarget ← biasBeta · biasTarget + biasAlpha · Σᵢ dZᵢ}, as
     *   {@link #columnSums}.</li>
     * </ol>
     * The same as those ops in that order, which a backend may fuse. {@code inputGradient} is
     * distinct from every other tensor. Modifies {@code inputGradient}, {@code weightTarget}
     * and {@code biasTarget}.
     *
     * @param dZ the gradient with respect to the layer's pre-activation {@code [m, n]}
     * @param x the layer's input {@code X} {@code [m, k]}
     * @param w the weights {@code W} {@code [n, k]}
     * @param inputActivation the activation {@code g} of the layer below
     * @param inputZ its pre-activation {@code [m, k]}; ignored when {@code inputGradient} is
     *     null
     * @param inputGradient the gradient with respect to {@code inputZ} {@code [m, k]}, written;
     *     null to skip it (the first layer)
     * @param weightAlpha the factor of {@code dZᵀ·X}
     * @param weightBeta the factor of {@code weightTarget}'s old value
     * @param weightTarget the weights' gradient or the weights themselves {@code [n, k]}
     * @param biasAlpha the factor of the column sums of {@code dZ}
     * @param biasBeta the factor of {@code biasTarget}'s old value
     * @param biasTarget the bias's gradient or the bias itself {@code [n]}
     */
    void denseBackward(Tensor dZ, Tensor x, Tensor w, Activation inputActivation, Tensor inputZ,
                       Tensor inputGradient, float weightAlpha, float weightBeta,
                       Tensor weightTarget, float biasAlpha, float biasBeta, Tensor biasTarget);

    // ---- losses and metrics --------------------------------------------------------------

    /**
     * The per-example loss gradient, written to {@code grad}: with respect to {@code Z} when
     * the loss is fused with the output activation ({@code A − Y}), else with respect to
     * {@code A}. See {@link Loss} for each formula. {@code output} and {@code grad} are
     * {@code [m, k]}; {@code target} is {@code [m, loss.targetColumns(k)]}. A class index (a
     * sparse target) that is not an integer in {@code [0, k)}, NaN included, gives its row a
     * gradient of NaN, and no memory outside the row is touched. Modifies {@code grad}.
     *
     * @param loss the loss
     * @param output the network's output {@code A} {@code [m, k]}
     * @param target the targets {@code Y}
     * @param grad the per-example gradient {@code [m, k]}, written
     */
    void lossGradient(Loss loss, Tensor output, Tensor target, Tensor grad);

    /**
     * Adds the sum over rows of the per-example loss to {@code total[0]}, so a whole epoch's
     * loss can be summed on the device and read once. Shapes as for {@link #lossGradient};
     * {@code total} is {@code [1]}. A class index that names no column makes its row's loss,
     * and so the total, NaN. Modifies {@code total}.
     *
     * @param loss the loss
     * @param output the network's output {@code [m, k]}
     * @param target the targets
     * @param total the running sum {@code [1]}, added to
     */
    void accumulateLoss(Loss loss, Tensor output, Tensor target, Tensor total);

    /**
     * {@link #lossGradient} into {@code grad}, then {@link #accumulateLoss} into
     * {@code total}, which a backend may do in one pass: a training step's loss work. The loss
     * is of {@code output} as it was before ({@code grad} may be {@code output}). Shapes as for
     * those ops. Modifies {@code grad} and {@code total}.
     *
     * @param loss the loss
     * @param output the network's output {@code A} {@code [m, k]}
     * @param target the targets {@code Y}
     * @param grad the per-example gradient {@code [m, k]}, written
     * @param total the running sum {@code [1]}, added to
     */
    void lossGradientAndSum(Loss loss, Tensor output, Tensor target, Tensor grad, Tensor total);

    /**
     * Adds to {@code count[0]} the number of rows classified correctly. With {@code output}
     * {@code [m, k]}: for a target of the same shape and {@code k > 1}, when the largest output
     * sits at the column of the largest target (the first one on ties); for a target
     * {@code [m, 1]} and {@code k > 1}, when the largest output sits at the column the target
     * holds (a class index); for {@code k = 1} and a target {@code [m, 1]}, when output and
     * target are on the same side of {@link #BINARY_THRESHOLD} (a binary decision:
     * {@code ≥ 0.5} is positive). A class index that names no column counts as wrong. {@code count} is
     * {@code [1]}. Modifies {@code count}.
     *
     * @param output the network's output {@code [m, k]}
     * @param target the targets: {@code [m, k]} like {@code output}, or {@code [m, 1]} class
     *     indices (for {@code k = 1}, values compared at 0.5)
     * @param count the running count {@code [1]}, added to
     */
    void accumulateCorrect(Tensor output, Tensor target, Tensor count);

    /** The decision threshold of {@link #accumulateCorrect} for a single output: 0.5. */
    float BINARY_THRESHOLD = 0.5f;

    /**
     * Row-wise argmax: {@code indices_i} = the column of the largest {@code m_ij} (the first
     * one on ties), stored as a float. {@code m} is {@code [r, n]}, {@code indices} is
     * {@code [r]}. Modifies {@code indices}.
     *
     * @param m the matrix {@code [r, n]}
     * @param indices the column of each row's largest value {@code [r]}, written
     */
    void argmaxRows(Tensor m, Tensor indices);

    // ---- optimizer updates ---------------------------------------------------------------

    /**
     * Gradient descent with L2 weight decay: {@code g = grad + weightDecay · param},
     * {@code param −= learningRate · g}. Same shapes. Modifies {@code param}.
     *
     * @param param the parameter, updated
     * @param grad its gradient
     * @param learningRate the step size
     * @param weightDecay the L2 factor, 0 for none
     */
    void sgdUpdate(Tensor param, Tensor grad, float learningRate, float weightDecay);

    /**
     * Gradient descent with momentum (PyTorch's convention): {@code g = grad + weightDecay ·
     * param}, {@code velocity = momentum · velocity + g}, then {@code param −= learningRate ·
     * velocity}, or with Nesterov {@code param −= learningRate · (g + momentum · velocity)}.
     * Same shapes. Modifies {@code param} and {@code velocity}.
     *
     * @param param the parameter, updated
     * @param grad its gradient
     * @param velocity its velocity, updated
     * @param learningRate the step size
     * @param momentum the factor {@code μ} of the old velocity
     * @param nesterov whether to look one step ahead
     * @param weightDecay the L2 factor, 0 for none
     */
    void momentumUpdate(Tensor param, Tensor grad, Tensor velocity, float learningRate,
                        float momentum, boolean nesterov, float weightDecay);

    /**
     * Adam, step {@code t ≥ 1}: {@code g = grad + weightDecay · param},
     * {@code m = β1·m + (1 − β1)·g}, {@code v = β2·v + (1 − β2)·g²}, then
     * {@code param −= lr_t · m / (√v + ε_t)} with the bias corrections folded into
     * {@code lr_t = learningRate · √(1 − β2^t) / (1 − β1^t)} and {@code ε_t = epsilon · √(1 − β2^t)}
     * (computed in double, rounded to float). Same shapes. Modifies {@code param}, {@code m} and
     * {@code v}.
     *
     * @param param the parameter, updated
     * @param grad its gradient
     * @param m the first moment, updated
     * @param v the second moment, updated
     * @param learningRate the base step size
     * @param beta1 the decay rate {@code β1} of {@code m}
     * @param beta2 the decay rate {@code β2} of {@code v}
     * @param epsilon the {@code ε} of the denominator
     * @param weightDecay the L2 factor, 0 for none
     * @param step the step number {@code t}, from 1
     */
    void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, float learningRate, float beta1,
                    float beta2, float epsilon, float weightDecay, int step);

    // ---- elementwise utilities -----------------------------------------------------------

    /**
     * Inverted dropout: {@code mask_i = keep_i ? 1 / (1 − rate) : 0} and {@code y = x ∘ mask},
     * where {@code keep_i} is {@link io.nn4j.api.spi.DropoutMask#keep(long, int, float)} of
     * element {@code i} (row-major), so every backend draws the same mask for the same seed.
     * {@code 0 ≤ rate < 1}; all three tensors have one shape. Modifies {@code mask} and {@code y}.
     *
     * @param rate the probability of dropping an element
     * @param seed the mask's seed
     * @param x the input
     * @param mask the mask, written
     * @param y the output, written
     */
    void dropout(float rate, long seed, Tensor x, Tensor mask, Tensor y);

    /**
     * Elementwise product {@code out = a ∘ b}; same shapes; {@code out} may be {@code a} or
     * {@code b}. Modifies {@code out}.
     *
     * @param a the left factor
     * @param b the right factor
     * @param out the product, written
     */
    void multiply(Tensor a, Tensor b, Tensor out);

    /**
     * Sets every element of {@code t} to {@code value}. Modifies {@code t}.
     *
     * @param t the tensor written
     * @param value the value of every element
     */
    void fill(Tensor t, float value);

    /**
     * {@code dst = src}; same number of elements. Modifies {@code dst}.
     *
     * @param src the tensor read
     * @param dst the tensor written
     */
    void copy(Tensor src, Tensor dst);

    /**
     * Waits until every op queued so far has finished. Backends that run ops synchronously
     * return at once.
     */
    void synchronize();

    /** Frees everything the backend holds. Tensors still open become unusable. */
    @Override
    void close();
}
