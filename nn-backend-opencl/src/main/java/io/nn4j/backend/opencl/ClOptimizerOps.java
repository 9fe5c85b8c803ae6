package io.nn4j.backend.opencl;


/**
 * The optimizer updates of {@code Backend} as kernel launches ({@code updates.cl}): each one fused kernel over a
 * parameter, its gradient and its state, queued without waiting. Arguments were checked by
 * {@code CheckedBackend}.
 */
final class ClOptimizerOps {
    private static final String UPDATES = "updates.cl";

    private final ClLaunch launch;
    private final int localSize;
    private final ClKernel sgd;
    private final ClKernel momentum;
    private final ClKernel adam;

    /** Builds the program (if not yet built) and takes its kernels. */
    ClOptimizerOps(ClProgramCache programs, ClLaunch launch, ClLaunchSizes sizes) {
        this.launch = launch;
        this.localSize = sizes.localSize();
        this.sgd = programs.kernel(UPDATES, "sgd_update");
        this.momentum = programs.kernel(UPDATES, "momentum_update");
        this.adam = programs.kernel(UPDATES, "adam_update");
    }

    /** {@code param −= rate · (grad + weightDecay · param)}. */
    void sgd(ClTensor param, ClTensor grad, float rate, float weightDecay) {
        int n = param.shape().size();
        launch.kernel(sgd).mem(param.argument()).mem(grad.argument()).floats(rate).floats(weightDecay)
                .ints(n).run1(n, localSize);
    }

    /** Momentum (PyTorch's convention), optionally Nesterov; see {@code Backend}. */
    void momentum(ClTensor param, ClTensor grad, ClTensor velocity, float rate, float mu,
                  boolean nesterov, float weightDecay) {
        int n = param.shape().size();
        launch.kernel(momentum).mem(param.argument()).mem(grad.argument()).mem(velocity.argument())
                .floats(rate).floats(mu).ints(nesterov ? 1 : 0).floats(weightDecay).ints(n)
                .run1(n, localSize);
    }

    /**
     * Adam step {@code step}: the bias corrections are folded into the step size and epsilon
     * in double on the host, rounded to float, as {@code Backend} defines.
     */
    void adam(ClTensor param, ClTensor grad, ClTensor m, ClTensor v, float rate, float beta1,
              float beta2, float epsilon, float weightDecay, int step) {
        double correction2 = Math.sqrt(1 - Math.pow(beta2, step));
        float stepSize = (float) (rate * correction2 / (1 - Math.pow(beta1, step)));
        float correctedEpsilon = (float) (epsilon * correction2);
        int n = param.shape().size();
        launch.kernel(adam).mem(param.argument()).mem(grad.argument()).mem(m.argument()).mem(v.argument())
                .floats(stepSize).floats(beta1).floats(beta2).floats(correctedEpsilon)
                .floats(weightDecay).ints(n).run1(n, localSize);
    }
}
