package io.nn4j.backend.opencl;

import org.jocl.Pointer;

/**
 * The GPU GEMM ({@code gemm_tiled.cl}): local-memory tiles with register blocking, reading
 * {@code A} and {@code B} in place through strides.
 *
 * <p>A work-group's time grows with {@code k}, not with the number of tiles, as long as the
 * device has a compute unit free for each: a layer's forward product at batch 64 (two 64 × 64
 * tiles of {@code C}, {@code k} = 784) takes as long on an H100 as one with 64 tiles. So a
 * product with fewer tiles than the device has compute units is cut into slices of {@code k}:
 * as many as make about {@code SPLIT_GROUPS_PER_UNIT} work-groups per compute unit, each at
 * least {@code SPLIT_MIN_K} deep. The slices write partial products to a scratch buffer and a
 * second kernel adds them up into {@code C}. What that gained on a GPU is measured in
 * {@code docs/benchmarks.md} ("The opencl backend on a GPU").
 */
final class ClTiledGemm implements ClGemm {
    private final ClLauncher launcher;
    private final ClKernel product;
    private final ClKernel sumSlices;
    private final ClScratch partials;
    private final int tileM;
    private final int tileN;
    private final int tileK;
    private final int threadsM;
    private final int threadsN;
    private final int localSize;
    private final int computeUnits;
    private final long groupsToFill;
    private final int minSliceK;

    /**
     * The family on a device of {@code computeUnits} compute units, its kernels taken from
     * {@code programs} and its scratch from {@code buffers}.
     */
    ClTiledGemm(ClTuning tuning, ClProgramCache programs, ClBuffers buffers, ClLauncher launcher,
                int computeUnits) {
        this.launcher = launcher;
        this.product = programs.kernel(tuning.gemmProgram(), "gemm_tiled");
        this.sumSlices = programs.kernel(tuning.gemmProgram(), "gemm_sum_slices");
        this.partials = new ClScratch(buffers, "the GEMM's partial products");
        this.tileM = tuning.value("TILE_M");
        this.tileN = tuning.value("TILE_N");
        this.tileK = tuning.value("TILE_K");
        this.threadsM = tileM / tuning.value("WPT_M");
        this.threadsN = tileN / tuning.value("WPT_N");
        this.localSize = tuning.value("LOCAL_SIZE");
        this.computeUnits = computeUnits;
        this.groupsToFill = (long) computeUnits * tuning.value("SPLIT_GROUPS_PER_UNIT");
        this.minSliceK = tuning.value("SPLIT_MIN_K");
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, ClTensor a, ClTensor b,
                     float beta, ClTensor c) {
        int m = c.shape().rows();
        int n = c.shape().cols();
        int k = transposeA ? a.shape().rows() : a.shape().cols();
        long groupsM = (m + tileM - 1) / tileM;
        long groupsN = (n + tileN - 1) / tileN;
        int kPerSlice = sliceDepth(groupsM * groupsN, k);
        int slices = (k + kPerSlice - 1) / kPerSlice;
        Pointer target = slices == 1 ? c.argument()
                : partials.atLeast((long) slices * m * n * Float.BYTES);
        launcher.kernel(product).ints(m).ints(n).ints(k).ints(kPerSlice)
                .floats(slices == 1 ? alpha : 1f).floats(slices == 1 ? beta : 0f)
                .mem(a.argument()).ints(transposeA ? 1 : k).ints(transposeA ? m : 1)
                .mem(b.argument()).ints(transposeB ? 1 : n).ints(transposeB ? k : 1)
                .mem(target)
                .run3(groupsN * threadsN, threadsN, groupsM * threadsM, threadsM, slices, 1);
        if (slices > 1) {
            launcher.kernel(sumSlices).ints(m * n).ints(slices).floats(alpha).floats(beta)
                    .mem(target).mem(c.argument())
                    .run1((long) m * n, localSize);
        }
    }

    /**
     * How deep a slice of {@code k} each work-group takes for a product of {@code tiles} tiles:
     * {@code k} itself when the tiles fill the device's compute units or {@code k} is too short
     * to split, else a multiple of {@code TILE_K} that cuts {@code k} into about as many slices
     * as make {@code SPLIT_GROUPS_PER_UNIT} work-groups per compute unit.
     */
    int sliceDepth(long tiles, int k) {
        if (tiles >= computeUnits) {
            return k;
        }
        long wanted = Math.min(groupsToFill / tiles, k / minSliceK);
        if (wanted < 2) {
            return k;
        }
        int depth = (int) ((k + wanted - 1) / wanted);
        return (depth + tileK - 1) / tileK * tileK;
    }

    @Override
    public void close() {
        partials.close();
    }
}
