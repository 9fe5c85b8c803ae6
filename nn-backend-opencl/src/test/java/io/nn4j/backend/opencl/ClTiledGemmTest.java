package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The GPU GEMM's split along {@code k}: how deep the slices are for the MNIST layers on a
 * device of an H100's 132 compute units, and products that are split (or not) against a
 * float64 reference. On a CPU device the family runs slowly but computes the same.
 */
class ClTiledGemmTest {
    private static final int H100_UNITS = 132;
    @RegisterExtension
    static final OpenClDevicePerClass OPENCL = new OpenClDevicePerClass();

    @Test
    void fewTilesAndALongKAreSplitIntoWholeStepsOfK() {
        try (ClTiledGemm gemm = tiledGemm(H100_UNITS)) {
            int step = ((ClTiledGemm.Sizes) ClTuning.TILED.gemm()).tileK();
            // S's forward product (2 tiles, k 784): 528 groups would fill the device, but a
            // slice is at least 64 deep, so 12 slices, rounded to 80 = 5 steps: 10 slices.
            assertEquals(80, gemm.sliceDepth(2, 784));
            // L's first layer (64 tiles, k 784): 528 / 64 = 8 slices of 98, rounded to 112.
            assertEquals(112, gemm.sliceDepth(64, 784));
            // 131 tiles, one short of a tile per compute unit: 528 / 131 = 4 slices.
            assertEquals(256, gemm.sliceDepth(131, 1024));
            for (long tiles : new long[] {1, 3, 4, 13, 52, 100, 131}) {
                for (int k : new int[] {128, 200, 784, 1024, 4096}) {
                    int depth = gemm.sliceDepth(tiles, k);
                    assertEquals(0, depth % step, tiles + " tiles, k " + k + ": depth " + depth);
                    assertTrue(depth >= 64 && depth < k, tiles + " tiles, k " + k + ": " + depth);
                }
            }
        }
    }

    @Test
    void enoughTilesOrAShortKAreNotSplit() {
        try (ClTiledGemm gemm = tiledGemm(H100_UNITS)) {
            // 1024³ and L's weight gradients (256 and 208 tiles) fill the device.
            assertEquals(1024, gemm.sliceDepth(256, 1024));
            assertEquals(256, gemm.sliceDepth(208, 256));
            assertEquals(784, gemm.sliceDepth(132, 784));
            assertEquals(784, gemm.sliceDepth(10_000, 784));
            assertEquals(127, gemm.sliceDepth(1, 127));
            assertEquals(1, gemm.sliceDepth(1, 1));
        }
    }

    @Test
    void splitProductsMatchFloat64InEveryForm() {
        // 64 compute units: up to 256 groups wanted, so every product below with k >= 128 is
        // split, including k that is no multiple of a step or of the slice depth.
        try (ClTiledGemm gemm = tiledGemm(64)) {
            GemmProducts products = new GemmProducts(OPENCL.buffers(), 11);
            int[][] sizes = {{13, 200, 37}, {64, 784, 128}, {70, 129, 65}, {1, 1000, 10},
                {130, 64, 3}, {5, 127, 9}};
            for (int[] size : sizes) {
                int m = size[0];
                int k = size[1];
                int n = size[2];
                long tiles = (long) ((m + 63) / 64) * ((n + 63) / 64);
                assertEquals(k >= 128, gemm.sliceDepth(tiles, k) < k, m + "x" + k + "x" + n);
                for (int form = 0; form < 4; form++) {
                    products.check(gemm, m, k, n, (form & 2) != 0, (form & 1) != 0);
                }
            }
        }
    }

    private static ClTiledGemm tiledGemm(int computeUnits) {
        return new ClTiledGemm((ClTiledGemm.Sizes) ClTuning.TILED.gemm(), ClTuning.TILED.launch(),
                OPENCL.programs(ClTuning.TILED), OPENCL.buffers(), OPENCL.launch(), computeUnits);
    }
}
