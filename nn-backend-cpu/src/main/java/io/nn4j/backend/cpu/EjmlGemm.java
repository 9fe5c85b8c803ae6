package io.nn4j.backend.cpu;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * GEMM through EJML's own kernels: {@code CommonOps_MT_FDRM} (concurrent) or
 * {@code CommonOps_FDRM} (one thread). {@code beta} other than 0 or 1 scales {@code C} first.
 */
final class EjmlGemm implements GemmEngine {
    private final boolean concurrent;

    EjmlGemm(boolean concurrent) {
        this.concurrent = concurrent;
    }

    @Override
    public String name() {
        return concurrent ? "ejml-concurrent" : "ejml";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, FMatrixRMaj a,
                     FMatrixRMaj b, float beta, FMatrixRMaj c) {
        if (beta == 0f) {
            overwrite(transposeA, transposeB, alpha, a, b, c);
            return;
        }
        if (beta != 1f) {
            CommonOps_FDRM.scale(beta, c);
        }
        accumulate(transposeA, transposeB, alpha, a, b, c);
    }

    private void overwrite(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b,
                           FMatrixRMaj c) {
        if (concurrent) {
            if (tA && tB) {
                CommonOps_MT_FDRM.multTransAB(alpha, a, b, c);
            } else if (tA) {
                CommonOps_MT_FDRM.multTransA(alpha, a, b, c);
            } else if (tB) {
                CommonOps_MT_FDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_MT_FDRM.mult(alpha, a, b, c);
            }
        } else if (tA && tB) {
            CommonOps_FDRM.multTransAB(alpha, a, b, c);
        } else if (tA) {
            CommonOps_FDRM.multTransA(alpha, a, b, c);
        } else if (tB) {
            CommonOps_FDRM.multTransB(alpha, a, b, c);
        } else {
            CommonOps_FDRM.mult(alpha, a, b, c);
        }
    }

    private void accumulate(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b,
                            FMatrixRMaj c) {
        if (concurrent) {
            if (tA && tB) {
                CommonOps_MT_FDRM.multAddTransAB(alpha, a, b, c);
            } else if (tA) {
                CommonOps_MT_FDRM.multAddTransA(alpha, a, b, c);
            } else if (tB) {
                CommonOps_MT_FDRM.multAddTransB(alpha, a, b, c);
            } else {
                CommonOps_MT_FDRM.multAdd(alpha, a, b, c);
            }
        } else if (tA && tB) {
            CommonOps_FDRM.multAddTransAB(alpha, a, b, c);
        } else if (tA) {
            CommonOps_FDRM.multAddTransA(alpha, a, b, c);
        } else if (tB) {
            CommonOps_FDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_FDRM.multAdd(alpha, a, b, c);
        }
    }
}
