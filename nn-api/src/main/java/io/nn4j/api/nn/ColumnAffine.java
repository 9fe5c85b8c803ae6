package io.nn4j.api.nn;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.preprocess.Scaler;

/**
 * A scaler applied on a backend, {@code y = x · factor + offset} per column, in two ops:
 * {@link Backend#multiply} by the factors repeated on every row, then
 * {@link Backend#biasActivation} with {@link Activation#IDENTITY} adding the offsets: the same
 * two float operations {@link Scaler} does on the host. The offsets live in one tensor, only
 * read; the repeated factors and the product are work tensors of one batch size, made per
 * inference workspace. Safe to share between threads, each with its own work tensors.
 */
final class ColumnAffine implements AutoCloseable {
    private final Backend backend;
    private final float[] factors;
    private final Tensor offsets;

    private ColumnAffine(Backend backend, float[] factors, float[] offsets) {
        this.backend = backend;
        this.factors = factors;
        this.offsets = backend.fromArray(offsets, Shape.vector(offsets.length));
    }

    /** The scaler's transform, raw values to scaled; null for no scaler. */
    static ColumnAffine transform(Backend backend, Scaler scaler) {
        return scaler == null ? null
                : new ColumnAffine(backend, scaler.factors(), scaler.offsets());
    }

    /** The scaler's inverse, scaled values to raw; null for no scaler. */
    static ColumnAffine inverse(Backend backend, Scaler scaler) {
        return scaler == null ? null
                : new ColumnAffine(backend, scaler.scale(), scaler.center());
    }

    /**
     * The work tensors of a batch of {@code rows}: the factors repeated on every row, and the
     * product; the caller closes them.
     */
    Tensor[] workTensors(int rows) {
        int width = factors.length;
        float[] repeated = new float[Math.multiplyExact(rows, width)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(factors, 0, repeated, r * width, width);
        }
        Tensor factorRows = backend.fromArray(repeated, Shape.matrix(rows, width));
        try {
            return new Tensor[] {factorRows, backend.zeros(Shape.matrix(rows, width))};
        } catch (RuntimeException e) {
            factorRows.close();
            throw e;
        }
    }

    /**
     * Writes {@code input · factor + offset} into {@code output} (which may be {@code input}),
     * using {@code work} from {@link #workTensors}. Modifies {@code work} and {@code output}.
     */
    void apply(Tensor input, Tensor[] work, Tensor output) {
        backend.multiply(input, work[0], work[1]);
        backend.biasActivation(Activation.IDENTITY, work[1], offsets, output);
    }

    @Override
    public void close() {
        offsets.close();
    }
}
