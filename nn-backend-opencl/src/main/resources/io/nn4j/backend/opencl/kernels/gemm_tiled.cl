// GEMM for GPUs: C = alpha op(A) op(B) + beta C with local-memory tiles and register blocking.
//
// A work-group computes a TILE_M x TILE_N tile of C; it has (TILE_N / WPT_N) x
// (TILE_M / WPT_M) work-items, each holding WPT_M x WPT_N results in registers. Per step it
// stages TILE_K columns of op(A) and TILE_K rows of op(B) in local memory (zeros past the
// edges, so no size needs padding).
// Strides: op(A)[i][kk] = a[i * a_ms + kk * a_ks], op(B)[kk][j] = b[kk * b_ks + j * b_ns].
//
// Split k: the third dimension of the range cuts k into slices of k_per_slice (a multiple of
// TILE_K). Slice s covers k from s * k_per_slice and writes its m x n result at
// c + s * m * n; with more than one slice, c is a scratch of partial products that
// gemm_sum_slices adds up into C. One slice (k_per_slice >= k) writes C itself.
#define THREADS_N (TILE_N / WPT_N)
#define THREADS_M (TILE_M / WPT_M)
#define THREADS (THREADS_N * THREADS_M)

__kernel __attribute__((reqd_work_group_size(THREADS_N, THREADS_M, 1)))
void gemm_tiled(const int m, const int n, const int k, const int k_per_slice, const float alpha,
                const float beta, __global const float* a, const int a_ms, const int a_ks,
                __global const float* b, const int b_ks, const int b_ns, __global float* c) {
    __local float a_tile[TILE_K][TILE_M];
    __local float b_tile[TILE_K][TILE_N];
    int tx = get_local_id(0);
    int ty = get_local_id(1);
    int id = ty * THREADS_N + tx;
    int col0 = get_group_id(0) * TILE_N;
    int row0 = get_group_id(1) * TILE_M;
    int k0 = get_group_id(2) * k_per_slice;
    int k1 = min(k, k0 + k_per_slice);
    c += (size_t) get_group_id(2) * m * n;
    float acc[WPT_M][WPT_N];
    for (int wm = 0; wm < WPT_M; wm++) {
        for (int wn = 0; wn < WPT_N; wn++) {
            acc[wm][wn] = 0.0f;
        }
    }
    for (int t = k0; t < k1; t += TILE_K) {
        // Consecutive work-items read consecutive addresses where a stride is 1.
        for (int e = id; e < TILE_K * TILE_M; e += THREADS) {
            int kk = a_ks == 1 ? e % TILE_K : e / TILE_M;
            int i = a_ks == 1 ? e / TILE_K : e % TILE_M;
            int gi = row0 + i;
            int gk = t + kk;
            a_tile[kk][i] = (gi < m && gk < k1) ? a[(size_t) gi * a_ms + (size_t) gk * a_ks] : 0.0f;
        }
        for (int e = id; e < TILE_K * TILE_N; e += THREADS) {
            int kk = b_ns == 1 ? e / TILE_N : e % TILE_K;
            int j = b_ns == 1 ? e % TILE_N : e / TILE_K;
            int gj = col0 + j;
            int gk = t + kk;
            b_tile[kk][j] = (gj < n && gk < k1) ? b[(size_t) gk * b_ks + (size_t) gj * b_ns] : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int kk = 0; kk < TILE_K; kk++) {
            float bv[WPT_N];
            for (int wn = 0; wn < WPT_N; wn++) {
                bv[wn] = b_tile[kk][tx + wn * THREADS_N];
            }
            for (int wm = 0; wm < WPT_M; wm++) {
                float av = a_tile[kk][ty + wm * THREADS_M];
                for (int wn = 0; wn < WPT_N; wn++) {
                    acc[wm][wn] = fma(av, bv[wn], acc[wm][wn]);
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int wm = 0; wm < WPT_M; wm++) {
        int i = row0 + ty + wm * THREADS_M;
        for (int wn = 0; wn < WPT_N; wn++) {
            int j = col0 + tx + wn * THREADS_N;
            if (i < m && j < n) {
                size_t at = (size_t) i * n + j;
                float value = alpha * acc[wm][wn];
                c[at] = beta != 0.0f ? value + beta * c[at] : value;
            }
        }
    }
}

// C = alpha * (the sum of the slices' partial products) + beta * C, over size = m * n elements.
__kernel void gemm_sum_slices(const int size, const int slices, const float alpha,
                              const float beta, __global const float* partial,
                              __global float* c) {
    int i = get_global_id(0);
    if (i >= size) {
        return;
    }
    float sum = 0.0f;
    for (int s = 0; s < slices; s++) {
        sum += partial[(size_t) s * size + i];
    }
    float value = alpha * sum;
    c[i] = beta != 0.0f ? value + beta * c[i] : value;
}
