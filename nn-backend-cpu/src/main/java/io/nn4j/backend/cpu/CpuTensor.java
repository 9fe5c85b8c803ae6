package io.nn4j.backend.cpu;

import io.nn4j.api.Backend;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import org.ejml.data.FMatrixRMaj;

/**
 * A tensor of the {@link CpuBackend}: an EJML row-major matrix ({@code [1, n]} for a vector).
 * Threads: ops may read it from several threads at once; whoever writes or closes it must not
 * overlap with any other use.
 */
final class CpuTensor implements Tensor {
    private final CpuBackend backend;
    private final Shape shape;
    private FMatrixRMaj matrix;

    CpuTensor(CpuBackend backend, Shape shape) {
        this.backend = backend;
        this.shape = shape;
        this.matrix = new FMatrixRMaj(shape.rows(), shape.cols());
    }

    /** The matrix; only called after {@link io.nn4j.api.spi.CheckedBackend} found the tensor open. */
    FMatrixRMaj matrix() {
        return matrix;
    }

    /** The elements, row-major. */
    float[] data() {
        return matrix.data;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** Closed by {@link #close()}, or with its backend. */
    @Override
    public boolean isClosed() {
        return matrix == null || backend.isClosed();
    }

    @Override
    public void close() {
        if (matrix != null) {
            matrix = null;
            backend.released(this);
        }
    }

    @Override
    public String toString() {
        return "CpuTensor" + shape + (matrix == null ? " (closed)" : "");
    }
}
