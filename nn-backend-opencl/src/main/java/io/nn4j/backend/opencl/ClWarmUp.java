package io.nn4j.backend.opencl;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;

/**
 * Launches every kernel once when the backend opens, so that a driver that compiles on first
 * launch (PoCL) does it now rather than in the first training step. PoCL compiles a kernel
 * again for grids of 65,536 work-items or more, so the elementwise kernels run on a small and
 * on a large shape; GEMM runs in all four transpose forms, on narrow and wide outputs; a batch
 * is gathered from kept rows when the backend keeps data.
 */
final class ClWarmUp {

    private ClWarmUp() {
    }

    /** Runs every op on small tensors, then waits for the device. */
    static void run(Backend backend) {
        run(backend, Shape.matrix(3, 17));
        run(backend, Shape.matrix(16, 4096));
        backend.synchronize();
    }

    /** Gathers a batch from kept rows, when the backend keeps data: {@code x} and {@code y}. */
    private static void gather(Backend backend, Shape shape, Tensor x, Tensor y) {
        int rows = shape.rows();
        backend.keepRows(new float[shape.size()], shape.cols(), new float[rows * 2], 2)
                .ifPresent(kept -> {
                    try (kept) {
                        kept.order(new int[rows]);
                        kept.gather(0, x, y);
                    }
                });
    }

    private static void run(Backend backend, Shape shape) {
        int rows = shape.rows();
        try (Tensor z = backend.zeros(shape);
             Tensor a = backend.zeros(shape);
             Tensor bias = backend.zeros(Shape.vector(shape.cols()));
             Tensor narrow = backend.zeros(Shape.matrix(rows, 2));
             Tensor weights = backend.zeros(Shape.matrix(2, shape.cols()));
             Tensor classes = backend.zeros(Shape.matrix(rows, 1));
             Tensor indices = backend.zeros(Shape.vector(rows));
             Tensor pair = backend.zeros(Shape.matrix(2, 1));
             Tensor total = backend.zeros(Shape.vector(1));
             Tensor narrowA = backend.zeros(Shape.matrix(rows, 2));
             Tensor pairBias = backend.zeros(Shape.vector(2));
             Tensor below = backend.zeros(shape)) {
            backend.gemm(false, false, 1f, narrow, weights, 0f, z);
            backend.gemm(false, true, 1f, z, weights, 1f, narrow);
            backend.gemm(true, false, 1f, narrow, z, 0f, weights);
            backend.gemm(true, true, 1f, narrow, indices, 0f, pair);
            for (Activation f : Activation.values()) {
                backend.biasActivation(f, z, bias, a);
                backend.activationBackward(f, z, a, a, a);
            }
            for (Activation f : Activation.values()) {
                backend.denseForward(f, z, weights, pairBias, narrow, narrowA);
            }
            backend.denseBackward(narrow, z, weights, Activation.RELU, a, below, 1f, 0.5f,
                    weights, 1f, 0.5f, pairBias);
            backend.denseBackward(narrow, z, weights, Activation.IDENTITY, null, null, 1f, 0f,
                    weights, 1f, 0f, pairBias);
            for (Loss loss : Loss.values()) {
                Tensor target = loss.targetColumns(shape.cols()) == 1 ? classes : z;
                backend.lossGradient(loss, a, target, a);
                backend.accumulateLoss(loss, a, target, total);
                backend.lossGradientAndSum(loss, a, target, a, total);
            }
            backend.accumulateCorrect(a, z, total);
            backend.argmaxRows(z, indices);
            backend.columnSums(1f, z, 0f, bias);
            backend.sgdUpdate(z, a, 0.5f, 0f);
            backend.momentumUpdate(z, a, a, 0.5f, 0.9f, false, 0f);
            backend.adamUpdate(z, a, a, a, 0.5f, 0.9f, 0.999f, 1e-8f, 0f, 1);
            backend.dropout(0.5f, 1L, z, a, a);
            backend.multiply(z, a, a);
            backend.copy(z, a);
            gather(backend, shape, z, narrow);
        }
    }
}
