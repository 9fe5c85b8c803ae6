package io.nn4j.api;

/**
 * A compute backend: it makes tensors and runs every op a network needs on them.
 *
 * <p>Every op writes into output tensors it is given and allocates nothing (EJML style); the
 * javadoc of each op names the arguments it modifies. All tensors passed to an op must come
 * from this backend and be open; shapes must match as stated. Violations throw
 * {@link IllegalArgumentException} (or {@link IllegalStateException} for a closed tensor)
 * naming the op, the argument, its shape and what was expected; the shared checks live in
 * {@link io.nn4j.api.spi.OpChecks}.
 *
 * <p>Ops may run asynchronously (on a device queue); {@link #toArray(Tensor)} and
 * {@link #copyOut(Tensor, float[], int)} wait for the work that produces their data.
 * Matrices are row-major; a vector {@code [n]} reads as a {@code [1, n]} matrix.
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
     * Column sums: {@code out_j = alpha · Σ_i m_ij}, for {@code m} of shape {@code [r, n]} and
     * {@code out} of shape {@code [n]} (a bias gradient). Modifies {@code out}.
     */
    void columnSums(float alpha, Tensor m, Tensor out);

    // ---- losses and metrics --------------------------------------------------------------

    /**
     * The per-example loss gradient, written to {@code grad}: with respect to {@code Z} when
     * the loss is fused with the output activation ({@code A − Y}), else with respect to
     * {@code A}. See {@link Loss} for each formula. {@code output}, {@code target} and
     * {@code grad} are {@code [m, k]}. Modifies {@code grad}.
     */
    void lossGradient(Loss loss, Tensor output, Tensor target, Tensor grad);

    /**
     * Adds the sum over rows of the per-example loss to {@code total[0]}, so a whole epoch's
     * loss can be summed on the device and read once. {@code total} is {@code [1]}.
     * Modifies {@code total}.
     */
    void accumulateLoss(Loss loss, Tensor output, Tensor target, Tensor total);

    /**
     * Adds to {@code count[0]} the number of rows whose largest output sits at the same column
     * as the largest target (the first one on ties). {@code count} is {@code [1]}.
     * Modifies {@code count}.
     */
    void accumulateCorrect(Tensor output, Tensor target, Tensor count);

    /**
     * Row-wise argmax: {@code indices_i} = the column of the largest {@code m_ij} (the first
     * one on ties), stored as a float. {@code m} is {@code [r, n]}, {@code indices} is
     * {@code [r]}. Modifies {@code indices}.
     */
    void argmaxRows(Tensor m, Tensor indices);

    // ---- optimizer updates ---------------------------------------------------------------

    /**
     * Plain gradient descent: {@code param −= learningRate · grad}. Same shapes.
     * Modifies {@code param}.
     */
    void sgdUpdate(Tensor param, Tensor grad, float learningRate);

    // ---- elementwise utilities -----------------------------------------------------------

    /** Sets every element of {@code t} to {@code value}. Modifies {@code t}. */
    void fill(Tensor t, float value);

    /** {@code dst = src}; same number of elements. Modifies {@code dst}. */
    void copy(Tensor src, Tensor dst);

    /** {@code t = alpha · t}. Modifies {@code t}. */
    void scale(float alpha, Tensor t);

    /**
     * Waits until every op queued so far has finished. Backends that run ops synchronously
     * return at once.
     */
    void synchronize();

    /** Frees everything the backend holds. Tensors still open become unusable. */
    @Override
    void close();
}
