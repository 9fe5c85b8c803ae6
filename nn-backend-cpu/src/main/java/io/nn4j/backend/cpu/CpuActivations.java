package io.nn4j.backend.cpu;

import io.nn4j.api.Activation;

/** Activation forward and backward loops on row-major {@code rows × cols} arrays. */
final class CpuActivations {

    private CpuActivations() {
    }

    /** {@code z[i,j] += bias[j]}, then {@code a = f(z)}. */
    static void biasActivation(Activation f, float[] z, float[] bias, float[] a, int rows,
                               int cols) {
        for (int r = 0; r < rows; r++) {
            int offset = r * cols;
            for (int j = 0; j < cols; j++) {
                z[offset + j] += bias[j];
            }
        }
        int n = rows * cols;
        switch (f) {
            case IDENTITY -> System.arraycopy(z, 0, a, 0, n);
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    a[i] = sigmoid(z[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (float) Math.tanh(z[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = Math.max(z[i], 0f);
                }
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    softmaxRow(z, a, r * cols, cols);
                }
            }
            default -> throw new IllegalArgumentException("unsupported activation " + f);
        }
    }

    /** {@code dZ = dA ∘ f'(Z)}; softmax uses each row's Jacobian-vector product. */
    static void backward(Activation f, float[] z, float[] a, float[] dA, float[] dZ, int rows,
                         int cols) {
        int n = rows * cols;
        switch (f) {
            case IDENTITY -> System.arraycopy(dA, 0, dZ, 0, n);
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    dZ[i] = dA[i] * a[i] * (1f - a[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    dZ[i] = dA[i] * (1f - a[i] * a[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dZ[i] = z[i] > 0f ? dA[i] : 0f;
                }
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    int offset = r * cols;
                    float dot = 0f;
                    for (int j = 0; j < cols; j++) {
                        dot += dA[offset + j] * a[offset + j];
                    }
                    for (int j = 0; j < cols; j++) {
                        dZ[offset + j] = a[offset + j] * (dA[offset + j] - dot);
                    }
                }
            }
            default -> throw new IllegalArgumentException("unsupported activation " + f);
        }
    }

    private static float sigmoid(float z) {
        if (z >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1.0 + e));
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
