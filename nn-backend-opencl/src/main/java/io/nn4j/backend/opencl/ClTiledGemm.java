package io.nn4j.backend.opencl;

import org.jocl.cl_kernel;

/**
 * The GPU GEMM ({@code gemm_tiled.cl}): local-memory tiles with register blocking, reading
 * {@code A} and {@code B} in place through strides, so it needs no scratch.
 */
final class ClTiledGemm implements ClGemm {
    private final ClLauncher launcher;
    private final cl_kernel product;
    private final int tileM;
    private final int tileN;
    private final int threadsM;
    private final int threadsN;

    ClTiledGemm(ClTuning tuning, ClProgramCache programs, ClLauncher launcher) {
        this.launcher = launcher;
        this.product = programs.kernel(tuning.gemmProgram(), "gemm_tiled");
        this.tileM = tuning.value("TILE_M");
        this.tileN = tuning.value("TILE_N");
        this.threadsM = tileM / tuning.value("WPT_M");
        this.threadsN = tileN / tuning.value("WPT_N");
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, ClTensor a, ClTensor b,
                     float beta, ClTensor c) {
        int m = c.shape().rows();
        int n = c.shape().cols();
        int k = transposeA ? a.shape().rows() : a.shape().cols();
        long groupsM = (m + tileM - 1) / tileM;
        long groupsN = (n + tileN - 1) / tileN;
        launcher.kernel(product).ints(m).ints(n).ints(k).floats(alpha).floats(beta)
                .mem(a.argument()).ints(transposeA ? 1 : k).ints(transposeA ? m : 1)
                .mem(b.argument()).ints(transposeB ? 1 : n).ints(transposeB ? k : 1)
                .mem(c.argument())
                .run2(groupsN * threadsN, threadsN, groupsM * threadsM, threadsM);
    }

    @Override
    public void close() {
        // nothing beyond the program cache's kernel
    }
}
