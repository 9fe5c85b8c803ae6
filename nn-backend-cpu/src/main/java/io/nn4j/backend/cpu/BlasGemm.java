package io.nn4j.backend.cpu;

import dev.ludovic.netlib.blas.BLAS;
import java.util.List;
import java.util.Map;
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
 * in turn. The exception: the bundled OpenBLAS (a current, thread-safe build) told by the
 * environment to run one thread per call ({@code OPENBLAS_NUM_THREADS=1}, as a Spark executor
 * running one task per core is): each call then runs on its caller's thread alone, so calls
 * from several threads run at once, each on its own core, and take no lock.
 */
final class BlasGemm implements GemmEngine {
    /** OpenBLAS's thread-count variables, in the order it reads them. */
    private static final List<String> THREAD_VARIABLES =
            List.of("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS");

    private final BLAS blas;
    private final String library;
    private final boolean concurrent;

    /**
     * GEMM through {@code blas}, a binding on the native library {@code library} names; calls
     * from several threads run at once when {@code concurrent}, else one at a time.
     */
    BlasGemm(BLAS blas, String library, boolean concurrent) {
        this.blas = blas;
        this.library = library;
        this.concurrent = concurrent;
    }

    /**
     * Whether OpenBLAS, loaded under {@code environment}, runs one thread per call: the first of
     * its variables set to a number is 1.
     */
    static boolean oneThreadPerCall(Map<String, String> environment) {
        for (String variable : THREAD_VARIABLES) {
            String value = environment.get(variable);
            if (value != null) {
                try {
                    int threads = Integer.parseInt(value.trim());
                    if (threads > 0) {
                        return threads == 1;
                    }
                } catch (NumberFormatException e) {
                    // OpenBLAS skips it too
                }
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "blas (" + library + ")" + (concurrent ? ", one OpenBLAS thread per call, calls "
                + "from threads at once" : "");
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, FMatrixRMaj a,
                     FMatrixRMaj b, float beta, FMatrixRMaj c) {
        if (concurrent) {
            sgemm(transposeA, transposeB, alpha, a, b, beta, c);
            return;
        }
        synchronized (BlasGemm.class) {
            sgemm(transposeA, transposeB, alpha, a, b, beta, c);
        }
    }

    private void sgemm(boolean transposeA, boolean transposeB, float alpha, FMatrixRMaj a,
                       FMatrixRMaj b, float beta, FMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        blas.sgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, m, k, alpha,
                b.data, b.numCols, a.data, a.numCols, beta, c.data, n);
    }
}
