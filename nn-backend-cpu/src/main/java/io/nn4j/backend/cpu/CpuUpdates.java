package io.nn4j.backend.cpu;

/** The optimizer updates as single loops over a parameter and its state; see {@code Backend}. */
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

    /** Adam with the bias corrections folded into the step size and ε. */
    static void adam(float[] p, float[] g, float[] m, float[] v, float lr, float beta1,
                     float beta2, float epsilon, float weightDecay, int step) {
        double correction2 = Math.sqrt(1 - Math.pow(beta2, step));
        float stepSize = (float) (lr * correction2 / (1 - Math.pow(beta1, step)));
        float eps = (float) (epsilon * correction2);
        for (int i = 0; i < p.length; i++) {
            float gradient = g[i] + weightDecay * p[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gradient;
            v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient;
            p[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) + eps);
        }
    }
}
