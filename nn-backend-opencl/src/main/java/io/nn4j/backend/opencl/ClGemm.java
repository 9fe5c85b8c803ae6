package io.nn4j.backend.opencl;

import io.nn4j.api.Activation;

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
                         ClBuffers buffers, ClLaunch launch) {
        Sizes sizes = tuning.gemm();
        if (sizes instanceof ClBlockedGemm.Sizes blocked) {
            return new ClBlockedGemm(blocked, programs, buffers, launch);
        }
        if (sizes instanceof ClTiledGemm.Sizes tiled) {
            return new ClTiledGemm(tiled, tuning.launch(), programs, buffers, launch,
                    device.computeUnits());
        }
        throw new IllegalStateException("no GEMM family for the sizes " + sizes);
    }

    /** A family's kernel sizes: its program and its build options. Immutable. */
    sealed interface Sizes permits ClBlockedGemm.Sizes, ClTiledGemm.Sizes {
        /** The resource holding the family's kernels. */
        String program();

        /** The sizes as the kernels' build options. */
        String buildOptions();
    }

    /** Queues the product; arguments already checked by {@code CheckedBackend.gemm}. */
    void gemm(boolean transposeA, boolean transposeB, float alpha, ClTensor a, ClTensor b,
              float beta, ClTensor c);

    /**
     * Queues a dense layer's forward pass, {@code Z = X·Wᵀ + b} and {@code A = f(Z)}, as one
     * launch, where the family has a kernel for it; arguments already checked by
     * {@code CheckedBackend.denseForward}.
     *
     * @return whether it was queued; if not, the caller runs the product and the activation;
     *         by default no family has a fused kernel
     */
    default boolean denseForward(Activation f, ClTensor x, ClTensor w, ClTensor bias, ClTensor z,
                                 ClTensor a) {
        return false;
    }

    /**
     * Queues a dense layer's backward pass ({@code Backend.denseBackward}) as one launch, where
     * the family has a kernel for it and the layer's shape suits it; arguments already checked.
     *
     * @return whether it was queued; if not, the caller runs the ops it is made of; by default
     *         no family has a fused kernel
     */
    default boolean denseBackward(ClTensor dZ, ClTensor x, ClTensor w, Activation inputActivation,
                                  ClTensor inputZ, ClTensor inputGradient, float weightAlpha,
                                  float weightBeta, ClTensor weightTarget, float biasAlpha,
                                  float biasBeta, ClTensor biasTarget) {
        return false;
    }

    /** Frees scratch buffers. */
    @Override
    void close();
}
