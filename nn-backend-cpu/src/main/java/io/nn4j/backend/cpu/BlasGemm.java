package io.nn4j.backend.cpu;

import dev.ludovic.netlib.blas.BLAS;
import org.ejml.data.FMatrixRMaj;

/**
 * GEMM through a BLAS {@code sgemm} (OpenBLAS, via netlib's JNI binding; see
 * {@link NativeBlasLibrary}).
 *
 * <p>BLAS is column-major. A row-major {@code r × c} matrix is, read column-major, its
 * transpose; so the row-major {@code C = op(A)·op(B)} is computed as the column-major
 * {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}, passing B before A with the same transpose flags. No copies.
 *
 * <p>Threads: one {@code sgemm} runs at a time in the process. OpenBLAS splits each call between
 * its own threads; calls from several Java threads at once fight over them (the collapse is
 * measured in {@code docs/benchmarks.md}, "Sharing a model between threads"), and older builds
 * are not safe to call concurrently at all. Queued on this lock, they share OpenBLAS's threads
 * in turn.
 */
final class BlasGemm implements GemmEngine {
    private final BLAS blas;
    private final String library;

    /** GEMM through {@code blas}, a binding on the native library {@code library} names. */
    BlasGemm(BLAS blas, String library) {
        this.blas = blas;
        this.library = library;
    }

    @Override
    public String name() {
        return "blas (" + library + ")";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, FMatrixRMaj a,
                     FMatrixRMaj b, float beta, FMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        synchronized (BlasGemm.class) {
            blas.sgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, m, k, alpha,
                    b.data, b.numCols, a.data, a.numCols, beta, c.data, n);
        }
    }
}
