// Every activation and its derivative, and the softmax of a row, built in front of every
// program (ClProgramCache): elementwise.cl, gemm_blocked.cl and rows.cl apply them.

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

// The softmax of a row z of n values whose largest is max, into a: a_j = e^(z_j - max) / sum,
// the exponentials summed in order and the row scaled by the sum's inverse. a may be z.
inline void softmax_from_max(__global const float* z, __global float* a, int n, float max) {
    float sum = 0.0f;
    for (int j = 0; j < n; j++) {
        float e = exp(z[j] - max);
        a[j] = e;
        sum += e;
    }
    float inverse = 1.0f / sum;
    for (int j = 0; j < n; j++) {
        a[j] *= inverse;
    }
}
