package io.nn4j.api;

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

    /** The provider name this backend was opened under, e.g. {@code cpu}. */
    String name();

    /** A one-line description of what runs the ops (library, engine, device). */
    String description();

    // ---- tensors -------------------------------------------------------------------------

    /** A new tensor of the given shape, filled with zeros. The caller owns and closes it. */
    Tensor zeros(Shape shape);

    /**
     * A new tensor holding a copy of {@code data} (row-major).
     *
     * @throws IllegalArgumentException when {@code data.length != shape.size()}
     */
    Tensor fromArray(float[] data, Shape shape);

    /**
     * Copies {@code dst.shape().size()} floats from {@code src}, starting at {@code offset},
     * into {@code dst}. Modifies {@code dst}. {@code src} may be reused once this returns.
     */
    void copyIn(float[] src, int offset, Tensor dst);

    /**
     * Gathers a batch: copies rows {@code rows[from]}, …, {@code rows[from + m − 1]} of
     * {@code src}, a row-major array of rows as wide as {@code dst}, into the {@code m} rows of
     * {@code dst}, in that order (a shuffled batch in one pass). Modifies {@code dst}.
     * {@code src} and {@code rows} may be reused once this returns.
     */
    void copyInRows(float[] src, int[] rows, int from, Tensor dst);

    /**
     * Copies all of {@code src} into {@code dst} starting at {@code offset}, after the work that
     * writes {@code src} has finished. Modifies {@code dst}.
     */
    void copyOut(Tensor src, float[] dst, int offset);

    /** A new array with the tensor's contents, row-major. */
    default float[] toArray(Tensor tensor) {
        float[] data = new float[tensor.shape().size()];
        copyOut(tensor, data, 0);
        return data;
    }

    /** The tensors this backend holds open and their bytes. */
    MemoryStats memory();

    // ---- linear algebra ------------------------------------------------------------------

    /**
     * General matrix multiply: {@code C = alpha · op(A) · op(B) + beta · C}, where
     * {@code op(X)} is {@code Xᵀ} when the matching flag is set. {@code op(A)} is
     * {@code [m, k]}, {@code op(B)} is {@code [k, n]}, {@code C} is {@code [m, n]}; {@code C}
     * must not be {@code A} or {@code B}. When {@code beta == 0}, {@code C}'s old contents are
     * ignored (NaN included). Modifies {@code C}.
     */
    void gemm(boolean transposeA, boolean transposeB, float alpha, Tensor a, Tensor b, float beta,
              Tensor c);

    // ---- layer ops -----------------------------------------------------------------------

    /**
     * Dense layer forward tail: {@code Z += bias} (bias added to every row), then
     * {@code A = f(Z)}. {@code Z} and {@code A} are {@code [m, n]}, {@code bias} is {@code [n]};
     * {@code A} may not be {@code Z}. Modifies {@code Z} and {@code A}.
     */
    void biasActivation(Activation f, Tensor z, Tensor bias, Tensor a);

    /**
     * Activation backward: {@code dZ = dA ∘ f'(Z)} (for softmax, per row
     * {@code dz_j = a_j (da_j − Σ_k da_k a_k)}). {@code A = f(Z)} is passed so a backend may use
     * whichever is cheaper. All four are {@code [m, n]}; {@code dZ} may be {@code dA}.
     * Modifies {@code dZ}.
     */
    void activationBackward(Activation f, Tensor z, Tensor a, Tensor dA, Tensor dZ);

    /**
     * Column sums: {@code out_j = alpha · Σ_i m_ij + beta · out_j}, for {@code m} of shape
     * {@code [r, n]} and {@code out} of shape {@code [n]}: a bias gradient ({@code beta = 0}),
     * or a bias's SGD step folded in as {@link #gemm}'s {@code beta} folds in the weights'.
     * With {@code beta = 0}, {@code out}'s old values are not read (a NaN there does not
     * propagate). Modifies {@code out}.
     */
    void columnSums(float alpha, Tensor m, float beta, Tensor out);

    // ---- losses and metrics --------------------------------------------------------------

    /**
     * The per-example loss gradient, written to {@code grad}: with respect to {@code Z} when
     * the loss is fused with the output activation ({@code A − Y}), else with respect to
     * {@code A}. See {@link Loss} for each formula. {@code output} and {@code grad} are
     * {@code [m, k]}; {@code target} is {@code [m, loss.targetColumns(k)]}. A class index (a
     * sparse target) that is not an integer in {@code [0, k)}, NaN included, gives its row a
     * gradient of NaN, and no memory outside the row is touched. Modifies {@code grad}.
     */
    void lossGradient(Loss loss, Tensor output, Tensor target, Tensor grad);

    /**
     * Adds the sum over rows of the per-example loss to {@code total[0]}, so a whole epoch's
     * loss can be summed on the device and read once. Shapes as for {@link #lossGradient};
     * {@code total} is {@code [1]}. A class index that names no column makes its row's loss,
     * and so the total, NaN. Modifies {@code total}.
     */
    void accumulateLoss(Loss loss, Tensor output, Tensor target, Tensor total);

    /**
     * Adds to {@code count[0]} the number of rows classified correctly. With {@code output}
     * {@code [m, k]}: for a target of the same shape and {@code k > 1}, when the largest output
     * sits at the column of the largest target (the first one on ties); for a target
     * {@code [m, 1]} and {@code k > 1}, when the largest output sits at the column the target
     * holds (a class index); for {@code k = 1} and a target {@code [m, 1]}, when output and
     * target are on the same side of {@link #BINARY_THRESHOLD} (a binary decision:
     * {@code ≥ 0.5} is positive). A class index that names no column counts as wrong. {@code count} is
     * {@code [1]}. Modifies {@code count}.
     */
    void accumulateCorrect(Tensor output, Tensor target, Tensor count);

    /** The decision threshold of {@link #accumulateCorrect} for a single output: 0.5. */
    float BINARY_THRESHOLD = 0.5f;

    /**
     * Row-wise argmax: {@code indices_i} = the column of the largest {@code m_ij} (the first
     * one on ties), stored as a float. {@code m} is {@code [r, n]}, {@code indices} is
     * {@code [r]}. Modifies {@code indices}.
     */
    void argmaxRows(Tensor m, Tensor indices);

    // ---- optimizer updates ---------------------------------------------------------------

    /**
     * Gradient descent with L2 weight decay: {@code g = grad + weightDecay · param},
     * {@code param −= learningRate · g}. Same shapes. Modifies {@code param}.
     */
    void sgdUpdate(Tensor param, Tensor grad, float learningRate, float weightDecay);

    /**
     * Gradient descent with momentum (PyTorch's convention): {@code g = grad + weightDecay ·
     * param}, {@code velocity = momentum · velocity + g}, then {@code param −= learningRate ·
     * velocity}, or with Nesterov {@code param −= learningRate · (g + momentum · velocity)}.
     * Same shapes. Modifies {@code param} and {@code velocity}.
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
     */
    void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, float learningRate, float beta1,
                    float beta2, float epsilon, float weightDecay, int step);

    // ---- elementwise utilities -----------------------------------------------------------

    /**
     * Inverted dropout: {@code mask_i = keep_i ? 1 / (1 − rate) : 0} and {@code y = x ∘ mask},
     * where {@code keep_i} is {@link io.nn4j.api.spi.DropoutMask#keep(long, int, float)} of
     * element {@code i} (row-major), so every backend draws the same mask for the same seed.
     * {@code 0 ≤ rate < 1}; all three tensors have one shape. Modifies {@code mask} and {@code y}.
     */
    void dropout(float rate, long seed, Tensor x, Tensor mask, Tensor y);

    /**
     * Elementwise product {@code out = a ∘ b}; same shapes; {@code out} may be {@code a} or
     * {@code b}. Modifies {@code out}.
     */
    void multiply(Tensor a, Tensor b, Tensor out);

    /** Sets every element of {@code t} to {@code value}. Modifies {@code t}. */
    void fill(Tensor t, float value);

    /** {@code dst = src}; same number of elements. Modifies {@code dst}. */
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
