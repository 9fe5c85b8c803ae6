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

    @Override
    public String name() {
        return "ejml (concurrent)";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, FMatrixRMaj a,
                     FMatrixRMaj b, float beta, FMatrixRMaj c) {
        if (beta == 0f) {
            if (transposeA && transposeB) {
                CommonOps_MT_FDRM.multTransAB(alpha, a, b, c);
            } else if (transposeA) {
                CommonOps_MT_FDRM.multTransA(alpha, a, b, c);
            } else if (transposeB) {
                CommonOps_MT_FDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_MT_FDRM.mult(alpha, a, b, c);
            }
            return;
        }
        if (beta != 1f) {
            CommonOps_FDRM.scale(beta, c);
        }
        if (transposeA && transposeB) {
            CommonOps_MT_FDRM.multAddTransAB(alpha, a, b, c);
        } else if (transposeA) {
            CommonOps_MT_FDRM.multAddTransA(alpha, a, b, c);
        } else if (transposeB) {
            CommonOps_MT_FDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_MT_FDRM.multAdd(alpha, a, b, c);
        }
    }
}
