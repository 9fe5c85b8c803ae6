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

// C = alpha A B^T + beta C with A m x k and B n x k row-major: the block of rows i0 ...
// i0+DOT_ROWS-1 and columns j0 ... j0+DOT_COLS-1. Rows and columns past the edge read the last
// one (valid memory) and are never stored. How a sum is stored is a constant of each caller,
// so the inlined copies keep only their own: mode 0 stores C = alpha sum (+ beta C); mode 1
// (a dense layer's forward pass) stores Z = sum + bias and A = f(Z); mode 2 only Z.
static __attribute__((always_inline)) void nt_block(
        const int mode, const int i0, const int j0, const int m, const int n, const int k,
        const float alpha, const float beta, __global const float* a, __global const float* b,
        __global float* c, __global const float* bias, __global float* out, const int f) {
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
                if (mode == 0) {
                    c[at] = beta != 0.0f ? alpha * sum + beta * c[at] : alpha * sum;
                } else {
                    c[at] = sum + bias[j];
                }
            }
        }
    }
    if (mode == 1) {
        // A second pass over the block, not unrolled, keeps the activation's code out of the
        // product's.
        for (int i = i0; i < min(i0 + DOT_ROWS, m); i++) {
            for (int j = j0; j < min(j0 + DOT_COLS, n); j++) {
                size_t at = (size_t) i * n + j;
                out[at] = activate(f, c[at]);
            }
        }
    }
}

// C = alpha A B^T + beta C: work-item (ib, jb) computes one block of nt_block.
__kernel void gemm_nt(const int m, const int n, const int k, const float alpha,
                      const float beta, __global const float* a, __global const float* b,
                      __global float* c) {
    int i0 = get_global_id(0) * DOT_ROWS;
    int j0 = get_global_id(1) * DOT_COLS;
    if (i0 < m && j0 < n) {
        nt_block(0, i0, j0, m, n, k, alpha, beta, a, b, c, c, c, 0);
    }
}

// A dense layer's forward pass in one launch, laid out as gemm_nt: Z = X W^T + bias and
// A = f(Z) for an elementwise activation f, with gemm_nt's sums and bias_activation's formula.
__kernel void dense_nt(const int m, const int n, const int k, __global const float* x,
                       __global const float* w, __global const float* bias, __global float* z,
                       __global float* a, const int f) {
    int i0 = get_global_id(0) * DOT_ROWS;
    int j0 = get_global_id(1) * DOT_COLS;
    if (i0 < m && j0 < n) {
        nt_block(1, i0, j0, m, n, k, 1.0f, 0.0f, x, w, z, bias, a, f);
    }
}

// The same with softmax: work-item ib takes whole rows i0 ... i0+DOT_ROWS-1, writes their Z
// block by block, then turns each row into A as bias_softmax does (the row's maximum first).
__kernel void dense_nt_softmax(const int m, const int n, const int k, __global const float* x,
                               __global const float* w, __global const float* bias,
                               __global float* z, __global float* a) {
    int i0 = get_global_id(0) * DOT_ROWS;
    if (i0 >= m) {
        return;
    }
    for (int j0 = 0; j0 < n; j0 += DOT_COLS) {
        nt_block(2, i0, j0, m, n, k, 1.0f, 0.0f, x, w, z, bias, a, 0);
    }
    for (int i = i0; i < min(i0 + DOT_ROWS, m); i++) {
        __global const float* zr = z + (size_t) i * n;
        __global float* ar = a + (size_t) i * n;
        float max = -INFINITY;
        for (int j = 0; j < n; j++) {
            max = fmax(max, zr[j]);
        }
        softmax_from_max(zr, ar, n, max);
    }
}

// VW floats of a row from p, of which only the first `count` exist (the others read as 0;
// none is read when count <= 0).
inline VEC load_part(__global const float* p, const int count) {
    if (count >= VW) {
        return VLOAD(0, p);
    }
    float part[VW];
    for (int l = 0; l < VW; l++) {
        part[l] = l < count ? p[l] : 0.0f;
    }
    return VLOAD(0, part);
}

// A dense layer's backward pass in one launch, for a narrow layer (few outputs n): work-item s
// owns the strip of columns c0 = s * STRIP_VECS * VW ... of X, W and the input gradient, so it
// may read W's columns and then update them with no other work-item touching them. In order:
//   input_grad = (dZ W) o g'(input_z), from W before the update (when propagate);
//   w_target = w_beta w_target + w_alpha dZ^T X (w_target may be W);
//   work-item 0: b_target = b_beta b_target + b_alpha (column sums of dZ).
// Both products keep ROWS rows of a strip in accumulators, as gemm_blocked does, and each sum
// runs in its order (fma along the inner index from 0) and ends as its epilogue does; the bias
// sums as column_sums does. g is an elementwise activation. Rows past the edge read the last
// one and are never stored.
__kernel void dense_backward(const int m, const int n, const int k, __global const float* dz,
                             __global const float* x, __global const float* w,
                             __global const float* input_z, __global float* input_grad,
                             const int propagate, const int g, const float w_alpha,
                             const float w_beta, __global float* w_target, const float b_alpha,
                             const float b_beta, __global float* b_target) {
    const int strip = STRIP_VECS * VW;
    int c0 = get_global_id(0) * strip;
    if (c0 >= k) {
        return;
    }
    int counts[STRIP_VECS];
    #pragma unroll
    for (int v = 0; v < STRIP_VECS; v++) {
        counts[v] = k - (c0 + v * VW);
    }
    float lanes[STRIP_VECS * VW];
    if (propagate) {
        for (int i0 = 0; i0 < m; i0 += ROWS) {
            VEC acc[ROWS][STRIP_VECS];
            #pragma unroll
            for (int r = 0; r < ROWS; r++) {
                #pragma unroll
                for (int v = 0; v < STRIP_VECS; v++) {
                    acc[r][v] = (VEC) 0.0f;
                }
            }
            for (int j = 0; j < n; j++) {
                VEC wv[STRIP_VECS];
                #pragma unroll
                for (int v = 0; v < STRIP_VECS; v++) {
                    wv[v] = load_part(w + (size_t) j * k + c0 + v * VW, counts[v]);
                }
                #pragma unroll
                for (int r = 0; r < ROWS; r++) {
                    VEC d = (VEC) dz[(size_t) min(i0 + r, m - 1) * n + j];
                    #pragma unroll
                    for (int v = 0; v < STRIP_VECS; v++) {
                        acc[r][v] = fma(d, wv[v], acc[r][v]);
                    }
                }
            }
            for (int r = 0; r < ROWS && i0 + r < m; r++) {
                #pragma unroll
                for (int v = 0; v < STRIP_VECS; v++) {
                    VSTORE(acc[r][v], v, lanes);
                }
                size_t at = (size_t) (i0 + r) * k + c0;
                for (int l = 0; l < min(strip, k - c0); l++) {
                    input_grad[at + l] = activation_grad(g, input_z[at + l], x[at + l], lanes[l]);
                }
            }
        }
    }
    for (int j0 = 0; j0 < n; j0 += ROWS) {
        VEC acc[ROWS][STRIP_VECS];
        #pragma unroll
        for (int r = 0; r < ROWS; r++) {
            #pragma unroll
            for (int v = 0; v < STRIP_VECS; v++) {
                acc[r][v] = (VEC) 0.0f;
            }
        }
        for (int i = 0; i < m; i++) {
            VEC xv[STRIP_VECS];
            #pragma unroll
            for (int v = 0; v < STRIP_VECS; v++) {
                xv[v] = load_part(x + (size_t) i * k + c0 + v * VW, counts[v]);
            }
            __global const float* dz_row = dz + (size_t) i * n;
            #pragma unroll
            for (int r = 0; r < ROWS; r++) {
                VEC d = (VEC) dz_row[min(j0 + r, n - 1)];
                #pragma unroll
                for (int v = 0; v < STRIP_VECS; v++) {
                    acc[r][v] = fma(d, xv[v], acc[r][v]);
                }
            }
        }
        for (int r = 0; r < ROWS && j0 + r < n; r++) {
            __global float* out = w_target + (size_t) (j0 + r) * k + c0;
            #pragma unroll
            for (int v = 0; v < STRIP_VECS; v++) {
                VEC value = w_alpha * acc[r][v];
                if (counts[v] >= VW) {
                    if (w_beta != 0.0f) {
                        value += w_beta * VLOAD(v, out);
                    }
                    VSTORE(value, v, out);
                } else {
                    VSTORE(value, v, lanes);
                    for (int l = v * VW; l < v * VW + counts[v]; l++) {
                        out[l] = w_beta != 0.0f ? lanes[l] + w_beta * out[l] : lanes[l];
                    }
                }
            }
        }
    }
    if (c0 == 0) {
        for (int j = 0; j < n; j++) {
            float sum = 0.0f;
            for (int i = 0; i < m; i++) {
                sum += dz[(size_t) i * n + j];
            }
            b_target[j] = b_beta != 0.0f ? sum * b_alpha + b_beta * b_target[j] : sum * b_alpha;
        }
    }
}
