// Kernels that walk whole rows or columns: softmax forward and backward and argmax (one
// work-item per row), column sums (one work-item per column), and the losses: the loss gradient
// (one work-item per element) and the loss and accuracy reductions (one work-group of
// REDUCE_SIZE work-items adding into a one-element total). Targets are rows like the output,
// or one class index per row (sparse cross-entropy).

// The loss codes LOSS_*, LOG_CLAMP (the smallest probability fed to log) and BINARY_THRESHOLD
// (accumulate_correct's decision threshold for a single output) come as build options from
// ClApiConstants. NaN stays NaN through the clamp, like Java's Math.max.

// p clamped below at LOG_CLAMP, NaN kept.
inline float clamp_low(float p) {
    return isnan(p) ? p : fmax(p, LOG_CLAMP);
}

// Whether a sparse target c names a column of a row of cols: an integer in [0, cols). Any other
// value (NaN, infinite, fractional, out of range) gives a NaN loss and is never counted correct,
// and no kernel reads or writes outside the row for it. Compared as floats, so c is converted
// to int only when it is in range.
inline bool is_class(float c, int cols) {
    return c >= 0.0f && c < (float) cols && c == floor(c);
}

// The column of the first largest element of a row.
inline int row_argmax(__global const float* row, int cols) {
    int best = 0;
    for (int j = 1; j < cols; j++) {
        if (row[j] > row[best]) {
            best = j;
        }
    }
    return best;
}

// The loss of one example: output row of cols values; target row of cols values, or for the
// sparse loss one class index.
inline float example_loss(int kind, __global const float* output, __global const float* target,
                          int cols) {
    float sum = 0.0f;
    switch (kind) {
        case LOSS_MEAN_SQUARED_ERROR:
            for (int j = 0; j < cols; j++) {
                float d = output[j] - target[j];
                sum += d * d;
            }
            return sum / cols;
        case LOSS_SPARSE_CATEGORICAL_CROSSENTROPY:
            return is_class(target[0], cols) ? -log(clamp_low(output[(int) target[0]])) : NAN;
        case LOSS_BINARY_CROSSENTROPY:
            for (int j = 0; j < cols; j++) {
                float a = clamp_low(output[j]);
                a = isnan(a) ? a : fmin(a, 1.0f - LOG_CLAMP);
                sum -= target[j] * log(a) + (1.0f - target[j]) * log(1.0f - a);
            }
            return sum / cols;
        case LOSS_CATEGORICAL_CROSSENTROPY:
        default:
            for (int j = 0; j < cols; j++) {
                sum -= target[j] * log(clamp_low(output[j]));
            }
            return sum;
    }
}

// Z += bias, then A = softmax(Z) per row, with the row's maximum subtracted first.
__kernel void bias_softmax(__global float* z, __global const float* bias, __global float* a,
                           const int rows, const int cols) {
    int r = get_global_id(0);
    if (r >= rows) {
        return;
    }
    __global float* zr = z + (size_t) r * cols;
    __global float* ar = a + (size_t) r * cols;
    float max = -INFINITY;
    for (int j = 0; j < cols; j++) {
        float v = zr[j] + bias[j];
        zr[j] = v;
        max = fmax(max, v);
    }
    softmax_from_max(zr, ar, cols, max);
}

// dz_j = a_j (da_j - sum_k da_k a_k) per row; dZ may be dA.
__kernel void softmax_backward(__global const float* a, __global const float* da,
                               __global float* dz, const int rows, const int cols) {
    int r = get_global_id(0);
    if (r >= rows) {
        return;
    }
    size_t offset = (size_t) r * cols;
    float dot = 0.0f;
    for (int j = 0; j < cols; j++) {
        dot += da[offset + j] * a[offset + j];
    }
    for (int j = 0; j < cols; j++) {
        dz[offset + j] = a[offset + j] * (da[offset + j] - dot);
    }
}

// indices_r = the column of the first largest m_rj, as a float.
__kernel void argmax_rows(__global const float* m, __global float* indices, const int rows,
                          const int cols) {
    int r = get_global_id(0);
    if (r < rows) {
        indices[r] = (float) row_argmax(m + (size_t) r * cols, cols);
    }
}

// out_j = alpha * sum_i m_ij + beta * out_j, rows added in order; out is not read when beta = 0.
__kernel void column_sums(__global const float* m, __global float* out, const int rows,
                          const int cols, const float alpha, const float beta) {
    int j = get_global_id(0);
    if (j >= cols) {
        return;
    }
    float sum = 0.0f;
    for (int r = 0; r < rows; r++) {
        sum += m[(size_t) r * cols + j];
    }
    out[j] = beta != 0.0f ? sum * alpha + beta * out[j] : sum * alpha;
}

// grad = scale * (output - Y) over a 2-D range (column, row): scale is 2/K for mean squared
// error, 1/K for binary cross-entropy and 1 for the softmax cross-entropies. Y is target
// itself, or for sparse targets (one class index per row) the one-hot row of the index, a row
// of NaN when the index is not a class.
__kernel void loss_gradient(__global const float* output, __global const float* target,
                            __global float* grad, const int rows, const int cols,
                            const float scale, const int sparse) {
    int j = get_global_id(0);
    int r = get_global_id(1);
    if (j < cols && r < rows) {
        size_t i = (size_t) r * cols + j;
        float y;
        if (sparse) {
            float c = target[r];
            y = is_class(c, cols) ? (j == (int) c ? 1.0f : 0.0f) : NAN;
        } else {
            y = target[i];
        }
        grad[i] = scale * (output[i] - y);
    }
}

// total[0] += the sum of the work-group's values `sum`, added pairwise in a tree over partial
// (REDUCE_SIZE floats of local memory). Every work-item of the one work-group calls it.
inline void add_group_sum(__local float* partial, float sum, __global float* total) {
    int id = get_local_id(0);
    partial[id] = sum;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int width = REDUCE_SIZE / 2; width > 0; width >>= 1) {
        if (id < width) {
            partial[id] += partial[id + width];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (id == 0) {
        total[0] += partial[0];
    }
}

// total[0] += sum over rows of the per-example loss; target rows hold target_cols values.
// One work-group of REDUCE_SIZE.
__kernel void accumulate_loss(__global const float* output, __global const float* target,
                              __global float* total, const int rows, const int cols,
                              const int target_cols, const int kind) {
    __local float partial[REDUCE_SIZE];
    int id = get_local_id(0);
    float sum = 0.0f;
    for (int r = id; r < rows; r += REDUCE_SIZE) {
        sum += example_loss(kind, output + (size_t) r * cols,
                            target + (size_t) r * target_cols, cols);
    }
    add_group_sum(partial, sum, total);
}

// A training step's loss work in one launch: loss_gradient's grad and accumulate_loss's
// total[0] += sum of the per-example losses, with their formulas and accumulate_loss's order of
// addition. One work-group of REDUCE_SIZE; a work-item takes rows id, id + REDUCE_SIZE, ... and
// reads each row's loss before it writes the row's gradient, so grad may be output.
__kernel void loss_gradient_sum(__global const float* output, __global const float* target,
                                __global float* grad, __global float* total, const int rows,
                                const int cols, const int target_cols, const int kind,
                                const float scale, const int sparse) {
    __local float partial[REDUCE_SIZE];
    int id = get_local_id(0);
    float sum = 0.0f;
    for (int r = id; r < rows; r += REDUCE_SIZE) {
        __global const float* out = output + (size_t) r * cols;
        __global const float* y = target + (size_t) r * target_cols;
        sum += example_loss(kind, out, y, cols);
        __global float* g = grad + (size_t) r * cols;
        float c = y[0];
        bool known = is_class(c, cols);
        for (int j = 0; j < cols; j++) {
            float yj = sparse ? (known ? (j == (int) c ? 1.0f : 0.0f) : NAN) : y[j];
            g[j] = scale * (out[j] - yj);
        }
    }
    add_group_sum(partial, sum, total);
}

// count[0] += the rows classified correctly: a single output against the target on the same
// side of 0.5; else the output's argmax against the target's class index (one column) or its
// argmax. One work-group.
__kernel void accumulate_correct(__global const float* output, __global const float* target,
                                 __global float* count, const int rows, const int cols,
                                 const int target_cols) {
    __local int partial[REDUCE_SIZE];
    int id = get_local_id(0);
    int hits = 0;
    for (int r = id; r < rows; r += REDUCE_SIZE) {
        __global const float* out = output + (size_t) r * cols;
        __global const float* y = target + (size_t) r * target_cols;
        bool right;
        if (cols == 1) {
            right = (out[0] >= BINARY_THRESHOLD) == (y[0] >= BINARY_THRESHOLD);
        } else if (target_cols == 1) {
            right = is_class(y[0], cols) && row_argmax(out, cols) == (int) y[0];
        } else {
            right = row_argmax(out, cols) == row_argmax(y, cols);
        }
        if (right) {
            hits++;
        }
    }
    partial[id] = hits;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int width = REDUCE_SIZE / 2; width > 0; width >>= 1) {
        if (id < width) {
            partial[id] += partial[id + width];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (id == 0) {
        count[0] += (float) partial[0];
    }
}

// A batch gathered from a data set kept on the device, one work-item per row: row r of x and y
// gets the feature and target rows of example order[from + r]. Features are bytes looked up in
// a palette of their float values (packed = 1) or floats themselves (packed = 0; then bytes and
// palette point at the floats and are not read as such). The host checked the order's indices
// when it uploaded them.
__kernel void gather_rows(__global const uchar* bytes, __global const float* palette,
                          const int packed, __global const float* targets,
                          __global const int* order, const int from, __global float* x,
                          __global float* y, const int rows, const int feature_count,
                          const int target_count) {
    int r = get_global_id(0);
    if (r >= rows) {
        return;
    }
    size_t example = (size_t) order[from + r];
    __global float* x_row = x + (size_t) r * feature_count;
    if (packed) {
        __global const uchar* src = bytes + example * feature_count;
        for (int j = 0; j < feature_count; j++) {
            x_row[j] = palette[src[j]];
        }
    } else {
        __global const float* src = (__global const float*) bytes + example * feature_count;
        for (int j = 0; j < feature_count; j++) {
            x_row[j] = src[j];
        }
    }
    __global const float* t_src = targets + example * target_count;
    __global float* y_row = y + (size_t) r * target_count;
    for (int j = 0; j < target_count; j++) {
        y_row[j] = t_src[j];
    }
}
