package io.nn4j.backend.opencl;

/**
 * A GEMM kernel family: {@code C = alpha · op(A) · op(B) + beta · C} on device tensors, for
 * every transpose combination and any sizes. {@link #create} picks the family of the tuning.
 */
interface ClGemm extends AutoCloseable {

    /**
     * The GEMM of {@code tuning}'s family on {@code device}, its kernels taken from
     * {@code programs} and its scratch from {@code buffers}.
     */
    static ClGemm create(ClTuning tuning, ClDeviceInfo device, ClProgramCache programs,
                         ClBuffers buffers, ClLauncher launcher) {
        return switch (tuning) {
            case BLOCKED, BLOCKED_WIDE -> new ClBlockedGemm(tuning, programs, buffers, launcher);
            case TILED -> new ClTiledGemm(tuning, programs, buffers, launcher,
                    device.computeUnits());
        };
    }

    /** Queues the product; arguments already checked by {@code OpChecks.gemm}. */
    void gemm(boolean transposeA, boolean transposeB, float alpha, ClTensor a, ClTensor b,
              float beta, ClTensor c);

    /** Frees scratch buffers. */
    @Override
    void close();
}
