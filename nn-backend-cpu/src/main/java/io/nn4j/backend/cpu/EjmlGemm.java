package io.nn4j.backend.cpu;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * GEMM through EJML's own kernels, the concurrent ones ({@code CommonOps_MT_FDRM}): on two
 * cores they beat the single-threaded {@code CommonOps_FDRM} for every transpose form (see
 * {@code docs/benchmarks.md}). {@code beta} other than 0 or 1 scales {@code C} first.
 */
final class EjmlGemm implements GemmEngine {
    /** {@code C = alpha · op(A) · op(B)}, or {@code C += ...}: one of EJML's kernels. */
    @FunctionalInterface
    private interface Product {
        void run(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);
    }

    /** The kernels that set {@code C}, by {@link #form}. */
    private static final Product[] SET = {CommonOps_MT_FDRM::mult, CommonOps_MT_FDRM::multTransB,
        CommonOps_MT_FDRM::multTransA, CommonOps_MT_FDRM::multTransAB};
    /** The kernels that add to {@code C}, by {@link #form}. */
    private static final Product[] ADD = {CommonOps_MT_FDRM::multAdd,
        CommonOps_MT_FDRM::multAddTransB, CommonOps_MT_FDRM::multAddTransA,
        CommonOps_MT_FDRM::multAddTransAB};

    @Override
    public String name() {
        return "ejml (concurrent)";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, FMatrixRMaj a,
                     FMatrixRMaj b, float beta, FMatrixRMaj c) {
        if (beta == 0f) {
            SET[form(transposeA, transposeB)].run(alpha, a, b, c);
            return;
        }
        if (beta != 1f) {
            CommonOps_FDRM.scale(beta, c);
        }
        ADD[form(transposeA, transposeB)].run(alpha, a, b, c);
    }

    /** The index of a transpose form: 0 for neither, 1 for {@code B}, 2 for {@code A}, 3 both. */
    private static int form(boolean transposeA, boolean transposeB) {
        return (transposeA ? 2 : 0) + (transposeB ? 1 : 0);
    }
}
