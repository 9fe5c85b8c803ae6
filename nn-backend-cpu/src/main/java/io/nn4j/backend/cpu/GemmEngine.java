package io.nn4j.backend.cpu;

import org.ejml.data.FMatrixRMaj;

/**
 * Computes {@code C = alpha · op(A) · op(B) + beta · C} on row-major matrices whose shapes
 * have already been checked.
 */
interface GemmEngine {

    /** A short name for logs and {@code Backend.description()}. */
    String name();

    /** The product; see {@link io.nn4j.api.Backend#gemm}. */
    void gemm(boolean transposeA, boolean transposeB, float alpha, FMatrixRMaj a, FMatrixRMaj b,
              float beta, FMatrixRMaj c);
}
