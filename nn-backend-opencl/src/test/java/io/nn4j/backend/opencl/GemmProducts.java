package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nn4j.api.Shape;
import java.util.Random;

/**
 * Checks one product of a GEMM family against a float64 reference, for the families' own
 * tests: {@code C = 2·op(A)·op(B) + 0.5·C} on Gaussian operands, element by element.
 */
final class GemmProducts {
    private final ClBuffers buffers;
    private final Random random;

    GemmProducts(ClBuffers buffers, long seed) {
        this.buffers = buffers;
        this.random = new Random(seed);
    }

    /** Runs {@code gemm} on an {@code m × k × n} product in the given form and checks C. */
    void check(ClGemm gemm, int m, int k, int n, boolean transposeA, boolean transposeB) {
        float[] a = gaussian(m * k);
        float[] b = gaussian(k * n);
        float[] c = gaussian(m * n);
        try (ClTensor ta = buffers.tensor(null, transposeA ? Shape.matrix(k, m)
                : Shape.matrix(m, k));
             ClTensor tb = buffers.tensor(null, transposeB ? Shape.matrix(n, k)
                     : Shape.matrix(k, n));
             ClTensor tc = buffers.tensor(null, Shape.matrix(m, n))) {
            buffers.write(a, 0, ta);
            buffers.write(b, 0, tb);
            buffers.write(c, 0, tc);
            gemm.gemm(transposeA, transposeB, 2f, ta, tb, 0.5f, tc);
            float[] actual = new float[m * n];
            buffers.read(tc, actual, 0);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (double) (transposeA ? a[p * m + i] : a[i * k + p])
                                * (transposeB ? b[j * k + p] : b[p * n + j]);
                    }
                    double expected = 2 * sum + 0.5 * c[i * n + j];
                    assertEquals(expected, actual[i * n + j], 1e-4 * (1 + Math.abs(expected)),
                            "C[" + i + "][" + j + "] of " + m + "x" + k + "x" + n
                                    + (transposeA ? " Aᵀ" : " A") + (transposeB ? " Bᵀ" : " B"));
                }
            }
        }
    }

    private float[] gaussian(int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
