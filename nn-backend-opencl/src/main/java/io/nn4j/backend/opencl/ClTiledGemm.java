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
    private final ClLaunch launch;
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
    ClTiledGemm(Sizes sizes, ClLaunchSizes launchSizes, ClProgramCache programs, ClBuffers buffers,
                ClLaunch launch, int computeUnits) {
        this.launch = launch;
        this.product = programs.kernel(sizes.program(), "gemm_tiled");
        this.sumSlices = programs.kernel(sizes.program(), "gemm_sum_slices");
        this.partials = new ClScratch(buffers, "the GEMM's partial products");
        this.tileM = sizes.tileM();
        this.tileN = sizes.tileN();
        this.tileK = sizes.tileK();
        this.threadsM = tileM / sizes.workPerThreadM();
        this.threadsN = tileN / sizes.workPerThreadN();
        this.localSize = launchSizes.localSize();
        this.computeUnits = computeUnits;
        this.groupsToFill = (long) computeUnits * sizes.splitGroupsPerUnit();
        this.minSliceK = sizes.splitMinK();
    }

    /**
     * The sizes of {@code gemm_tiled.cl}. Immutable.
     *
     * @param tileM              rows of {@code C} per work-group ({@code TILE_M})
     * @param tileN              columns of {@code C} per work-group ({@code TILE_N})
     * @param tileK              depth of a tile in local memory ({@code TILE_K})
     * @param workPerThreadM     rows per work-item ({@code WPT_M})
     * @param workPerThreadN     columns per work-item ({@code WPT_N})
     * @param splitGroupsPerUnit work-groups per compute unit a split along {@code k} aims at
     *                           ({@code SPLIT_GROUPS_PER_UNIT})
     * @param splitMinK          the shallowest slice of {@code k} ({@code SPLIT_MIN_K})
     */
    record Sizes(int tileM, int tileN, int tileK, int workPerThreadM, int workPerThreadN,
                 int splitGroupsPerUnit, int splitMinK) implements ClGemm.Sizes {

        @Override
        public String program() {
            return "gemm_tiled.cl";
        }

        @Override
        public String buildOptions() {
            return "-D TILE_M=" + tileM + " -D TILE_N=" + tileN + " -D TILE_K=" + tileK
                    + " -D WPT_M=" + workPerThreadM + " -D WPT_N=" + workPerThreadN
                    + " -D SPLIT_GROUPS_PER_UNIT=" + splitGroupsPerUnit + " -D SPLIT_MIN_K="
                    + splitMinK;
        }
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
        launch.kernel(product).ints(m).ints(n).ints(k).ints(kPerSlice)
                .floats(slices == 1 ? alpha : 1f).floats(slices == 1 ? beta : 0f)
                .mem(a.argument()).ints(transposeA ? 1 : k).ints(transposeA ? m : 1)
                .mem(b.argument()).ints(transposeB ? 1 : n).ints(transposeB ? k : 1)
                .mem(target)
                .run3(groupsN * threadsN, threadsN, groupsM * threadsM, threadsM, slices, 1);
        if (slices > 1) {
            launch.kernel(sumSlices).ints(m * n).ints(slices).floats(alpha).floats(beta)
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
