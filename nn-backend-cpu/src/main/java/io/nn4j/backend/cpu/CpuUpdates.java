package io.nn4j.backend.cpu;

/**
 * The optimizer updates as single loops over a parameter and its state (Adam over elements
 * {@code [from, to)}, so that {@link CpuParallel} can split it); see {@code Backend}.
 */
final class CpuUpdates {

    private CpuUpdates() {
    }

    /** {@code p −= lr (g + wd p)}. */
    static void sgd(float[] p, float[] g, float lr, float weightDecay) {
        for (int i = 0; i < p.length; i++) {
            p[i] -= lr * (g[i] + weightDecay * p[i]);
        }
    }

    /** {@code v = μ v + g'; p −= lr v} (Nesterov: {@code p −= lr (g' + μ v)}). */
    static void momentum(float[] p, float[] g, float[] v, float lr, float momentum,
                         boolean nesterov, float weightDecay) {
        for (int i = 0; i < p.length; i++) {
            float gradient = g[i] + weightDecay * p[i];
            v[i] = momentum * v[i] + gradient;
            p[i] -= lr * (nesterov ? gradient + momentum * v[i] : v[i]);
        }
    }

    /**
     * Adam with the bias corrections already folded into {@code stepSize} and {@code eps}
     * ({@link #adamStepSize}, {@link #adamEpsilon}).
     */
    static void adam(float[] p, float[] g, float[] m, float[] v, float stepSize, float beta1,
                     float beta2, float eps, float weightDecay, int from, int to) {
        for (int i = from; i < to; i++) {
            float gradient = g[i] + weightDecay * p[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gradient;
            v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient;
            p[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) + eps);
        }
    }

    /** Adam's step size at step {@code t}: {@code lr · √(1 − β2^t) / (1 − β1^t)}, in double. */
    static float adamStepSize(float lr, float beta1, float beta2, int t) {
        return (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
    }

    /** Adam's ε at step {@code t}: {@code ε · √(1 − β2^t)}, in double. */
    static float adamEpsilon(float epsilon, float beta2, int t) {
        return (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, t)));
    }
}
