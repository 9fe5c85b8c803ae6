package io.nn4j.bench;

import java.util.Arrays;

/**
 * The yardstick every GEMM figure is divided by: a plain-Java float GEMM, one thread, loops in
 * i-k-j order so the innermost loop walks rows of B and C (which the JIT vectorizes).
 */
public final class ReferenceGemm {

    private ReferenceGemm() {
    }

    /**
     * {@code C = A·B} for row-major {@code A [m, k]}, {@code B [k, n]} and {@code C [m, n]}.
     * Modifies {@code c}.
     *
     * @throws IllegalArgumentException when an array's length does not match its shape
     */
    public static void multiply(int m, int k, int n, float[] a, float[] b, float[] c) {
        if (a.length != m * k || b.length != k * n || c.length != m * n) {
            throw new IllegalArgumentException(String.format(
                    "reference gemm: A has %d, B %d, C %d floats; expected %d, %d, %d for "
                            + "[%d, %d]·[%d, %d]", a.length, b.length, c.length, m * k, k * n,
                    m * n, m, k, k, n));
        }
        for (int i = 0; i < m; i++) {
            int rowC = i * n;
            Arrays.fill(c, rowC, rowC + n, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                int rowB = p * n;
                for (int j = 0; j < n; j++) {
                    c[rowC + j] += aip * b[rowB + j];
                }
            }
        }
    }
}
