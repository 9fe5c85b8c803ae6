// Optimizer updates, each one fused kernel over a parameter and its state, one work-item per
// element; g = grad + weight_decay * param (L2 weight decay) throughout.

// param -= rate * g
__kernel void sgd_update(__global float* param, __global const float* grad, const float rate,
                         const float weight_decay, const int n) {
    int i = get_global_id(0);
    if (i < n) {
        param[i] -= rate * (grad[i] + weight_decay * param[i]);
    }
}

// velocity = momentum * velocity + g, then param -= rate * velocity, or with Nesterov
// param -= rate * (g + momentum * velocity).
__kernel void momentum_update(__global float* param, __global const float* grad,
                              __global float* velocity, const float rate, const float momentum,
                              const int nesterov, const float weight_decay, const int n) {
    int i = get_global_id(0);
    if (i < n) {
        float g = grad[i] + weight_decay * param[i];
        float v = momentum * velocity[i] + g;
        velocity[i] = v;
        param[i] -= rate * (nesterov ? g + momentum * v : v);
    }
}

// Adam with the bias corrections folded into step_size and epsilon by the host:
// m = beta1 m + (1 - beta1) g, v = beta2 v + (1 - beta2) g^2, param -= step_size m / (sqrt v + eps)
__kernel void adam_update(__global float* param, __global const float* grad, __global float* m,
                          __global float* v, const float step_size, const float beta1,
                          const float beta2, const float epsilon, const float weight_decay,
                          const int n) {
    int i = get_global_id(0);
    if (i < n) {
        float g = grad[i] + weight_decay * param[i];
        float mi = beta1 * m[i] + (1.0f - beta1) * g;
        float vi = beta2 * v[i] + (1.0f - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        param[i] -= step_size * mi / (sqrt(vi) + epsilon);
    }
}
