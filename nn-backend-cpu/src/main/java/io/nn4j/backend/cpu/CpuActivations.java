package io.nn4j.backend.cpu;

import io.nn4j.api.Activation;

/**
 * Activation forward and backward loops on row-major {@code rows × cols} arrays, over the rows
 * {@code [from, to)} so that {@link CpuParallel} can split a batch between cores.
 */
final class CpuActivations {
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private CpuActivations() {
    }

    /** The work of one element of {@code f}, forward or backward, for {@link CpuParallel}. */
    static int cost(Activation f) {
        return switch (f) {
            case IDENTITY, RELU, LEAKY_RELU -> CpuParallel.CHEAP;
            case SIGMOID, TANH, GELU, ELU, SILU, SOFTPLUS, SOFTMAX -> CpuParallel.TRANSCENDENTAL;
        };
    }

    /**
     * For rows {@code [from, to)}: {@code z[i,j] += bias[j]}, then {@code a = f(z)}. Each
     * activation is its own small loop, so the JIT compiles only the ones a network uses.
     */
    static void biasActivation(Activation f, float[] z, float[] bias, float[] a, int from, int to,
                               int cols) {
        addBias(z, bias, from, to, cols);
        int start = from * cols;
        int end = to * cols;
        switch (f) {
            case IDENTITY -> System.arraycopy(z, start, a, start, end - start);
            case SIGMOID -> sigmoid(z, a, start, end);
            case TANH -> tanh(z, a, start, end);
            case RELU -> relu(z, a, start, end);
            case LEAKY_RELU -> leakyRelu(z, a, start, end);
            case GELU -> gelu(z, a, start, end);
            case ELU -> elu(z, a, start, end);
            case SILU -> silu(z, a, start, end);
            case SOFTPLUS -> softplus(z, a, start, end);
            case SOFTMAX -> {
                for (int r = from; r < to; r++) {
                    softmaxRow(z, a, r * cols, cols);
                }
            }
        }
    }

    /** For rows {@code [from, to)}: {@code dZ = dA ∘ f'(Z)}; softmax per row (Jacobian-vector). */
    static void backward(Activation f, float[] z, float[] a, float[] dA, float[] dZ, int from,
                         int to, int cols) {
        int start = from * cols;
        int end = to * cols;
        switch (f) {
            case IDENTITY -> System.arraycopy(dA, start, dZ, start, end - start);
            case SIGMOID -> sigmoidBackward(a, dA, dZ, start, end);
            case TANH -> tanhBackward(a, dA, dZ, start, end);
            case RELU -> reluBackward(z, dA, dZ, start, end);
            case LEAKY_RELU -> leakyReluBackward(z, dA, dZ, start, end);
            case GELU -> geluBackward(z, dA, dZ, start, end);
            case ELU -> eluBackward(z, a, dA, dZ, start, end);
            case SILU -> siluBackward(z, dA, dZ, start, end);
            case SOFTPLUS -> softplusBackward(z, dA, dZ, start, end);
            case SOFTMAX -> {
                for (int r = from; r < to; r++) {
                    softmaxRowBackward(a, dA, dZ, r * cols, cols);
                }
            }
        }
    }

    private static void addBias(float[] z, float[] bias, int from, int to, int cols) {
        for (int r = from; r < to; r++) {
            int offset = r * cols;
            for (int j = 0; j < cols; j++) {
                z[offset + j] += bias[j];
            }
        }
    }

    private static void sigmoid(float[] z, float[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            a[i] = sigmoid(z[i]);
        }
    }

    private static void tanh(float[] z, float[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            a[i] = tanh(z[i]);
        }
    }

    private static void relu(float[] z, float[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            a[i] = Math.max(z[i], 0f);
        }
    }

    private static void leakyRelu(float[] z, float[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            a[i] = z[i] > 0f ? z[i] : Activation.LEAKY_RELU_SLOPE * z[i];
        }
    }

    private static void gelu(float[] z, float[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            a[i] = (float) (z[i] * normalCdf(z[i]));
        }
    }

    private static void elu(float[] z, float[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            a[i] = z[i] > 0f ? z[i] : (float) Math.expm1(z[i]);
        }
    }

    private static void silu(float[] z, float[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            a[i] = z[i] * sigmoid(z[i]);
        }
    }

    private static void softplus(float[] z, float[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            a[i] = (float) (Math.max(z[i], 0.0) + Math.log1p(Math.exp(-Math.abs(z[i]))));
        }
    }

    private static void sigmoidBackward(float[] a, float[] dA, float[] dZ, int start, int end) {
        for (int i = start; i < end; i++) {
            dZ[i] = dA[i] * a[i] * (1f - a[i]);
        }
    }

    private static void tanhBackward(float[] a, float[] dA, float[] dZ, int start, int end) {
        for (int i = start; i < end; i++) {
            dZ[i] = dA[i] * (1f - a[i] * a[i]);
        }
    }

    private static void leakyReluBackward(float[] z, float[] dA, float[] dZ, int start, int end) {
        for (int i = start; i < end; i++) {
            dZ[i] = z[i] > 0f ? dA[i] : Activation.LEAKY_RELU_SLOPE * dA[i];
        }
    }

    private static void geluBackward(float[] z, float[] dA, float[] dZ, int start, int end) {
        for (int i = start; i < end; i++) {
            double x = z[i];
            dZ[i] = (float) (dA[i] * (normalCdf(x) + x * Math.exp(-0.5 * x * x) * INV_SQRT_2PI));
        }
    }

    private static void eluBackward(float[] z, float[] a, float[] dA, float[] dZ, int start,
                                    int end) {
        for (int i = start; i < end; i++) {
            dZ[i] = z[i] > 0f ? dA[i] : dA[i] * (a[i] + 1f);
        }
    }

    private static void siluBackward(float[] z, float[] dA, float[] dZ, int start, int end) {
        for (int i = start; i < end; i++) {
            float s = sigmoid(z[i]);
            dZ[i] = dA[i] * s * (1f + z[i] * (1f - s));
        }
    }

    private static void softplusBackward(float[] z, float[] dA, float[] dZ, int start, int end) {
        for (int i = start; i < end; i++) {
            dZ[i] = dA[i] * sigmoid(z[i]);
        }
    }

    private static void softmaxRowBackward(float[] a, float[] dA, float[] dZ, int offset,
                                           int cols) {
        float dot = 0f;
        for (int j = 0; j < cols; j++) {
            dot += dA[offset + j] * a[offset + j];
        }
        for (int j = 0; j < cols; j++) {
            dZ[offset + j] = a[offset + j] * (dA[offset + j] - dot);
        }
    }

    /**
     * {@code dZ = z > 0 ? dA : 0}, without a branch: random signs would mispredict half the
     * time. As ints, the bits of the floats with {@code z > 0} are exactly those in
     * {@code [1, 0x7f800000]} (positive normals, subnormals and +∞; not ±0, negatives or NaN), so
     * {@code keep} is all ones for them and zero otherwise.
     */
    private static void reluBackward(float[] z, float[] dA, float[] dZ, int start, int end) {
        for (int i = start; i < end; i++) {
            int bits = Float.floatToRawIntBits(z[i]);
            int keep = (-bits >> 31) & ((bits - 0x7f800001) >> 31);
            dZ[i] = Float.intBitsToFloat(Float.floatToRawIntBits(dA[i]) & keep);
        }
    }

    /** Φ(x), the standard normal CDF: {@code (1 + erf(x / √2)) / 2}. */
    static double normalCdf(double x) {
        return 0.5 * (1 + erf(x * INV_SQRT_2));
    }

    /**
     * The error function, Abramowitz and Stegun 7.1.26: absolute error below 1.5e-7, under
     * float32's resolution for GeLU's outputs.
     */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                + t * (-1.453152027 + t * 1.061405429))));
        return Math.copySign(1 - poly * Math.exp(-x * x), x);
    }

    /**
     * {@code tanh z = (e^{2z} − 1) / (e^{2z} + 1)} in double (near 0 the subtraction loses about
     * 1e-12 relative, far below float's resolution), with {@code z} clamped to ±20, where tanh is
     * ±1 in float: several times faster than {@link Math#tanh}, which HotSpot 17 does not
     * compile to an intrinsic, while {@link Math#exp} it does.
     */
    private static float tanh(float z) {
        double e = Math.exp(2.0 * Math.max(-20f, Math.min(20f, z)));
        return (float) ((e - 1) / (e + 1));
    }

    /**
     * The logistic function, branch-free: in double, {@code e^-z} overflows to infinity only
     * past |z| ≈ 709, where the result rounds to 0 in float anyway, so no NaN can arise.
     */
    private static float sigmoid(float z) {
        return (float) (1.0 / (1.0 + Math.exp(-z)));
    }

    private static void softmaxRow(float[] z, float[] a, int offset, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, z[offset + j]);
        }
        float sum = 0f;
        for (int j = 0; j < cols; j++) {
            float e = (float) Math.exp(z[offset + j] - max);
            a[offset + j] = e;
            sum += e;
        }
        float inverse = 1f / sum;
        for (int j = 0; j < cols; j++) {
            a[offset + j] *= inverse;
        }
    }
}
