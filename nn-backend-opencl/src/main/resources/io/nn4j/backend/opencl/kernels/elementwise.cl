// Elementwise kernels, one work-item per element; the launcher rounds the global size up to
// whole work-groups, so every kernel checks its index against the size.

// activate() and activation_grad() come from activations.cl, built in front of every program.

// The lowbias32 integer hash of io.nn4j.api.spi.DropoutMask.
inline uint mix(uint x) {
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

// t = value
__kernel void fill(__global float* t, const float value, const int n) {
    int i = get_global_id(0);
    if (i < n) {
        t[i] = value;
    }
}

// out = a * b; out may be a or b.
__kernel void multiply(__global const float* a, __global const float* b, __global float* out,
                       const int n) {
    int i = get_global_id(0);
    if (i < n) {
        out[i] = a[i] * b[i];
    }
}

// Inverted dropout with DropoutMask's keep rule: mask = keep ? keep_scale : 0, y = x * mask.
__kernel void dropout(__global const float* x, __global float* mask, __global float* y,
                      const uint seed_low, const uint seed_high, const float rate,
                      const float keep_scale, const int n) {
    int i = get_global_id(0);
    if (i < n) {
        uint key = mix(seed_low ^ mix(seed_high ^ 0x85ebca6bu));
        uint h = mix((uint) i * 0x9e3779b9u + key);
        float u = (float) (h >> 8) * 0x1.0p-24f;
        float m = u >= rate ? keep_scale : 0.0f;
        mask[i] = m;
        y[i] = x[i] * m;
    }
}

// Z += bias (per column), then A = f(Z); Z and A are rows x cols, bias is cols. A 2-D range
// (column, row), which spares a division per element.
__kernel void bias_activation(__global float* z, __global const float* bias, __global float* a,
                              const int rows, const int cols, const int f) {
    int j = get_global_id(0);
    int r = get_global_id(1);
    if (j < cols && r < rows) {
        size_t i = (size_t) r * cols + j;
        float v = z[i] + bias[j];
        z[i] = v;
        a[i] = activate(f, v);
    }
}

// dZ = dA * f'(Z); dZ may be dA.
__kernel void activation_backward(__global const float* z, __global const float* a,
                                  __global const float* da, __global float* dz, const int n,
                                  const int f) {
    int i = get_global_id(0);
    if (i < n) {
        dz[i] = activation_grad(f, z[i], a[i], da[i]);
    }
}
