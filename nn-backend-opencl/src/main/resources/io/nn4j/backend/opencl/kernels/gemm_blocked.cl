// GEMM for CPU devices: C = alpha op(A) op(B) + beta C, without barriers or local memory.
//
// gemm_nt serves C = A B^T, where both operands run along k in memory: each work-item keeps
// DOT_ROWS x DOT_COLS dot products as vectors along k and adds each up at the end. Every
// other form goes through a packed B:
// A pack kernel first copies op(B) (k x n) into column strips of `strip` floats: strip s
// holds, for every kk, the values op(B)[kk][s*strip ... s*strip + strip-1] one after another
// (zero past column n), so the product reads B as one contiguous stream per strip.
// The product gives each work-item ROWS rows of one strip, kept in vector accumulators of VW
// floats: per kk it loads the strip once and broadcasts one value of op(A) per row. It finds
// row kk of strip s at b + s * b_ss + kk * b_ks: packed, b_ss = k * strip and b_ks = strip;
// a row-major B whose width n is whole strips is read in place with b_ss = strip, b_ks = n.
// gemm_blocked uses strips of STRIP_VECS vectors, gemm_blocked_narrow strips of one vector
// (for outputs no wider than VW, where a wide strip would be mostly padding).
//
// Sizes come from the build options (ClTuning): VW (8 or 16), ROWS, STRIP_VECS, PACK_K,
// DOT_ROWS, DOT_COLS.
// Strides: op(A)[i][kk] = a[i * a_ms + kk * a_ks].

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define VEC CAT(float, VW)
#define VLOAD CAT(vload, VW)
#define VSTORE CAT(vstore, VW)

// op(B) = B, stored k x n: work-item (kk, s) copies strip values of row kk.
__kernel void pack_b(__global const float* b, __global float* packed, const int k, const int n,
                     const int strip) {
    int kk = get_global_id(0);
    int s = get_global_id(1);
    if (kk >= k) {
        return;
    }
    __global float* dst = packed + ((size_t) s * k + kk) * strip;
    __global const float* src = b + (size_t) kk * n;
    int j0 = s * strip;
    for (int c = 0; c < strip; c++) {
        dst[c] = j0 + c < n ? src[j0 + c] : 0.0f;
    }
}

// op(B) = B^T, B stored n x k: work-item (j, block) copies PACK_K consecutive values of row j,
// so reads run along memory; columns j in [n, strips * strip) are written as zeros.
__kernel void pack_bt(__global const float* b, __global float* packed, const int k, const int n,
                      const int strip) {
    int j = get_global_id(0);
    int k0 = get_global_id(1) * PACK_K;
    // The launcher rounds the range up to whole work-groups: stay inside the padded strips.
    if (k0 >= k || j >= (n + strip - 1) / strip * strip) {
        return;
    }
    int k1 = min(k, k0 + PACK_K);
    __global float* dst = packed + (size_t) (j / strip) * k * strip + j % strip;
    if (j < n) {
        __global const float* src = b + (size_t) j * k;
        for (int kk = k0; kk < k1; kk++) {
            dst[(size_t) kk * strip] = src[kk];
        }
    } else {
        for (int kk = k0; kk < k1; kk++) {
            dst[(size_t) kk * strip] = 0.0f;
        }
    }
}

// Rows i0 ... i0+ROWS-1 of strip s, for strips of `vecs` vectors. Called with a constant, so
// that the accumulator loops unroll and the accumulators live in registers; the kernels do the
// work-item indexing (PoCL's work-group compiler wants it in the kernel itself). It must be
// inlined: called as a function, its accumulators would live in memory.
static __attribute__((always_inline)) void product(
        const int vecs, const int i0, const int s, const int m, const int n, const int k,
        const float alpha, const float beta, __global const float* a, const int a_ms,
        const int a_ks, __global const float* b, const int b_ss, const int b_ks,
        __global float* c) {
    const int strip = vecs * VW;
    // Rows past m read row m-1 (valid memory) and are never stored.
    __global const float* rows[ROWS];
    #pragma unroll
    for (int r = 0; r < ROWS; r++) {
        rows[r] = a + (size_t) min(i0 + r, m - 1) * a_ms;
    }
    VEC acc[ROWS][STRIP_VECS];
    #pragma unroll
    for (int r = 0; r < ROWS; r++) {
        #pragma unroll
        for (int v = 0; v < vecs; v++) {
            acc[r][v] = (VEC) 0.0f;
        }
    }
    __global const float* bs = b + (size_t) s * b_ss;
    for (int kk = 0; kk < k; kk++) {
        VEC bv[STRIP_VECS];
        #pragma unroll
        for (int v = 0; v < vecs; v++) {
            bv[v] = VLOAD(v, bs);
        }
        bs += b_ks;
        size_t ak = (size_t) kk * a_ks;
        #pragma unroll
        for (int r = 0; r < ROWS; r++) {
            VEC x = (VEC) rows[r][ak];
            #pragma unroll
            for (int v = 0; v < vecs; v++) {
                acc[r][v] = fma(x, bv[v], acc[r][v]);
            }
        }
    }
    int j0 = s * strip;
    #pragma unroll
    for (int r = 0; r < ROWS; r++) {
        int i = i0 + r;
        if (i >= m) {
            break;
        }
        __global float* out = c + (size_t) i * n + j0;
        if (j0 + strip <= n) {
            #pragma unroll
            for (int v = 0; v < vecs; v++) {
                VEC value = alpha * acc[r][v];
                if (beta != 0.0f) {
                    value += beta * VLOAD(v, out);
                }
                VSTORE(value, v, out);
            }
        } else {
            float values[STRIP_VECS * VW];
            #pragma unroll
            for (int v = 0; v < vecs; v++) {
                VSTORE(alpha * acc[r][v], v, values);
            }
            for (int j = 0; j < n - j0; j++) {
                out[j] = beta != 0.0f ? values[j] + beta * out[j] : values[j];
            }
        }
    }
}

__kernel void gemm_blocked(const int m, const int n, const int k, const float alpha,
                           const float beta, __global const float* a, const int a_ms,
                           const int a_ks, __global const float* b, const int b_ss,
                           const int b_ks, __global float* c) {
    int i0 = get_global_id(0) * ROWS;
    if (i0 < m) {
        product(STRIP_VECS, i0, get_global_id(1), m, n, k, alpha, beta, a, a_ms, a_ks, b, b_ss,
                b_ks, c);
    }
}

__kernel void gemm_blocked_narrow(const int m, const int n, const int k, const float alpha,
                                  const float beta, __global const float* a, const int a_ms,
                                  const int a_ks, __global const float* b, const int b_ss,
                                  const int b_ks, __global float* c) {
    int i0 = get_global_id(0) * ROWS;
    if (i0 < m) {
        product(1, i0, get_global_id(1), m, n, k, alpha, beta, a, a_ms, a_ks, b, b_ss, b_ks, c);
    }
}

// The sum of a vector's lanes.
inline float lane_sum(VEC v) {
#if VW == 16
    float8 h = v.lo + v.hi;
#else
    float8 h = v;
#endif
    float4 q = h.lo + h.hi;
    float2 d = q.lo + q.hi;
    return d.x + d.y;
}

// C = alpha A B^T + beta C with A m x k and B n x k row-major: work-item (ib, jb) computes
// rows i0 ... i0+DOT_ROWS-1 and columns j0 ... j0+DOT_COLS-1. Rows and columns past the edge
// read the last one (valid memory) and are never stored.
__kernel void gemm_nt(const int m, const int n, const int k, const float alpha,
                      const float beta, __global const float* a, __global const float* b,
                      __global float* c) {
    int i0 = get_global_id(0) * DOT_ROWS;
    int j0 = get_global_id(1) * DOT_COLS;
    if (i0 >= m || j0 >= n) {
        return;
    }
    __global const float* a_rows[DOT_ROWS];
    __global const float* b_rows[DOT_COLS];
    VEC acc[DOT_ROWS][DOT_COLS];
    #pragma unroll
    for (int r = 0; r < DOT_ROWS; r++) {
        a_rows[r] = a + (size_t) min(i0 + r, m - 1) * k;
        #pragma unroll
        for (int t = 0; t < DOT_COLS; t++) {
            acc[r][t] = (VEC) 0.0f;
        }
    }
    #pragma unroll
    for (int t = 0; t < DOT_COLS; t++) {
        b_rows[t] = b + (size_t) min(j0 + t, n - 1) * k;
    }
    int whole = k / VW * VW;
    for (int kk = 0; kk < whole; kk += VW) {
        VEC bv[DOT_COLS];
        #pragma unroll
        for (int t = 0; t < DOT_COLS; t++) {
            bv[t] = VLOAD(0, b_rows[t] + kk);
        }
        #pragma unroll
        for (int r = 0; r < DOT_ROWS; r++) {
            VEC av = VLOAD(0, a_rows[r] + kk);
            #pragma unroll
            for (int t = 0; t < DOT_COLS; t++) {
                acc[r][t] = fma(av, bv[t], acc[r][t]);
            }
        }
    }
    #pragma unroll
    for (int r = 0; r < DOT_ROWS; r++) {
        #pragma unroll
        for (int t = 0; t < DOT_COLS; t++) {
            float sum = lane_sum(acc[r][t]);
            for (int kk = whole; kk < k; kk++) {
                sum = fma(a_rows[r][kk], b_rows[t][kk], sum);
            }
            int i = i0 + r;
            int j = j0 + t;
            if (i < m && j < n) {
                size_t at = (size_t) i * n + j;
                c[at] = beta != 0.0f ? alpha * sum + beta * c[at] : alpha * sum;
            }
        }
    }
}
