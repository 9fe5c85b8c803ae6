// Elementwise kernels, one work-item per element; the launcher rounds the global size up to
// whole work-groups, so every kernel checks its index against the size.

// The activation codes ACT_* and LEAKY_RELU_SLOPE come as build options from ClApiConstants.
#define INV_SQRT_2 0.70710678118654752f
#define INV_SQRT_2PI 0.39894228040143268f

// The logistic function: e^-z overflows to infinity only where the result is 0 anyway.
inline float sigmoid(float z) {
    return 1.0f / (1.0f + exp(-z));
}

// The standard normal CDF.
inline float normal_cdf(float z) {
    return 0.5f * (1.0f + erf(z * INV_SQRT_2));
}

// f(z). ReLU keeps NaN, like Java's Math.max.
inline float activate(int f, float z) {
    switch (f) {
        case ACT_SIGMOID:
            return sigmoid(z);
        case ACT_TANH:
            return tanh(z);
        case ACT_RELU:
            return (z > 0.0f || isnan(z)) ? z : 0.0f;
        case ACT_LEAKY_RELU:
            return z > 0.0f ? z : LEAKY_RELU_SLOPE * z;
        case ACT_GELU:
            return z * normal_cdf(z);
        case ACT_ELU:
            return z > 0.0f ? z : expm1(z);
        case ACT_SILU:
            return z * sigmoid(z);
        case ACT_SOFTPLUS:
            return fmax(z, 0.0f) + log1p(exp(-fabs(z)));
        case ACT_IDENTITY:
        default:
            return z;
    }
}

// dA * f'(Z), with f' written through A = f(Z) where that is cheaper. ReLU'(0) = 0.
inline float activation_grad(int f, float z, float a, float da) {
    switch (f) {
        case ACT_SIGMOID:
            return da * a * (1.0f - a);
        case ACT_TANH:
            return da * (1.0f - a * a);
        case ACT_RELU:
            return z > 0.0f ? da : 0.0f;
        case ACT_LEAKY_RELU:
            return z > 0.0f ? da : LEAKY_RELU_SLOPE * da;
        case ACT_GELU:
            return da * (normal_cdf(z) + z * exp(-0.5f * z * z) * INV_SQRT_2PI);
        case ACT_ELU:
            return z > 0.0f ? da : da * (a + 1.0f);
        case ACT_SILU: {
            float s = sigmoid(z);
            return da * s * (1.0f + z * (1.0f - s));
        }
        case ACT_SOFTPLUS:
            return da * sigmoid(z);
        case ACT_IDENTITY:
        default:
            return da;
    }
}

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
