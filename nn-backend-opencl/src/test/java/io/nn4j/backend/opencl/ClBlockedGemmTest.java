package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nn4j.api.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CPU-device GEMM's own paths, for both kernel-table rows: packing writes exactly the
 * padded strips (the right values, zeros past the last column, and nothing after the end: a
 * write past it would corrupt host memory on a CPU device), and products are right around
 * the strip widths, where it switches between narrow and wide strips and between packed and
 * in-place {@code B}.
 */
class ClBlockedGemmTest {
    private static final int GUARD = 4096;
    @RegisterExtension
    static final OpenClDevicePerClass OPENCL = new OpenClDevicePerClass();

    @ParameterizedTest
    @EnumSource(value = ClTuning.class, names = {"BLOCKED", "BLOCKED_WIDE"})
    void packWritesThePaddedStripsAndNothingBeyond(ClTuning tuning) {
        try (ClBlockedGemm gemm = blockedGemm(tuning)) {
            Random random = new Random(5);
            for (int n : new int[] {1, 5, 8, 16, 17, 33, 100}) {
                for (int k : new int[] {1, 3, 70, 129}) {
                    for (boolean transposeB : new boolean[] {false, true}) {
                        check(gemm, random, k, n, transposeB);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClTuning.class, names = {"BLOCKED", "BLOCKED_WIDE"})
    void productsAtStripWidthsMatchFloat64(ClTuning tuning) {
        int vector = sizes(tuning).vectorWidth();
        int wide = sizes(tuning).stripWidth();
        try (ClBlockedGemm gemm = blockedGemm(tuning)) {
            GemmProducts products = new GemmProducts(OPENCL.buffers(), 9);
            int[] widths = {vector - 1, vector, vector + 1, wide, 2 * wide, 2 * wide + 3};
            for (int n : widths) {
                for (int form = 0; form < 4; form++) {
                    products.check(gemm, 13, 37, n, (form & 2) != 0, (form & 1) != 0);
                }
            }
        }
    }

    private static ClBlockedGemm blockedGemm(ClTuning tuning) {
        return new ClBlockedGemm(sizes(tuning), OPENCL.programs(tuning), OPENCL.buffers(),
                OPENCL.launch());
    }

    private static void check(ClBlockedGemm gemm, Random random, int k, int n,
                              boolean transposeB) {
        ClBuffers buffers = OPENCL.buffers();
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() + 1f;
        }
        int strip = gemm.stripFor(n);
        int strips = (n + strip - 1) / strip;
        int size = strips * strip * k;
        float[] poison = new float[size + GUARD];
        Arrays.fill(poison, Float.NaN);
        try (ClTensor source = buffers.tensor(null, transposeB ? Shape.matrix(n, k)
                : Shape.matrix(k, n));
             ClTensor packed = buffers.tensor(null, Shape.vector(poison.length))) {
            buffers.write(b, 0, source);
            buffers.write(poison, 0, packed);
            gemm.pack(source, transposeB, k, n, strip, packed.argument());
            float[] actual = new float[poison.length];
            buffers.read(packed, actual, 0);
            String where = "k=" + k + " n=" + n + " strip=" + strip + " transposeB=" + transposeB;
            for (int s = 0; s < strips; s++) {
                for (int kk = 0; kk < k; kk++) {
                    for (int c = 0; c < strip; c++) {
                        int j = s * strip + c;
                        float expected = j >= n ? 0f : transposeB ? b[j * k + kk] : b[kk * n + j];
                        float got = actual[(s * k + kk) * strip + c];
                        if (got != expected) {
                            fail(where + ": packed strip " + s + " row " + kk + " column " + c
                                    + " is " + got + ", expected " + expected);
                        }
                    }
                }
            }
            for (int i = size; i < actual.length; i++) {
                assertTrue(Float.isNaN(actual[i]), where + ": wrote " + actual[i] + " at "
                        + i + ", past the packed size " + size);
            }
            assertEquals(size + GUARD, actual.length);
        }
    }

    private static ClBlockedGemm.Sizes sizes(ClTuning tuning) {
        return (ClBlockedGemm.Sizes) tuning.gemm();
    }
}
