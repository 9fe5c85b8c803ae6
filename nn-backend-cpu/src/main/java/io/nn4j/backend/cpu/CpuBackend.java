package io.nn4j.backend.cpu;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.MemoryStats;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.spi.DropoutMask;
import io.nn4j.api.spi.CheckedBackend;
import java.util.Arrays;

/**
 * The CPU backend: tensors on the Java heap as EJML matrices, GEMM through a
 * {@link GemmEngine}, every other op a plain loop. Ops run synchronously on the calling thread.
 *
 * <p>Threads: safe to share. Ops keep no state between calls (the elementwise splitter serves
 * one large loop at a time), so threads may run ops at once on tensors that no other thread
 * writes meanwhile; the tensor counts are kept under a lock.
 */
final class CpuBackend extends CheckedBackend {
    private static final int FLOAT_BYTES = Float.BYTES;

    private final GemmEngine gemm;
    private final CpuParallel parallel;
    private long liveTensors;
    private long liveBytes;

    CpuBackend(GemmEngine gemm, CpuParallel parallel) {
        this.gemm = gemm;
        this.parallel = parallel;
    }

    @Override
    public String name() {
        return CpuBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "cpu (EJML, gemm: " + gemm.name() + ", costly elementwise ops on "
                + parallel.parts() + (parallel.parts() == 1 ? " thread)" : " threads)");
    }

    @Override
    protected synchronized Tensor doZeros(Shape shape) {
        CpuTensor tensor = new CpuTensor(this, shape);
        liveTensors++;
        liveBytes += (long) shape.size() * FLOAT_BYTES;
        return tensor;
    }

    /** Bookkeeping when a tensor is closed. */
    synchronized void released(CpuTensor tensor) {
        liveTensors--;
        liveBytes -= (long) tensor.shape().size() * FLOAT_BYTES;
    }

    @Override
    protected void doCopyIn(float[] src, int offset, Tensor dst) {
        System.arraycopy(src, offset, cpu(dst).data(), 0, dst.shape().size());
    }

    @Override
    protected void doCopyInRows(float[] src, int[] rows, int from, Tensor dst) {
        float[] data = cpu(dst).data();
        int width = dst.shape().cols();
        for (int r = 0; r < dst.shape().rows(); r++) {
            System.arraycopy(src, rows[from + r] * width, data, r * width, width);
        }
    }

    @Override
    protected void doCopyOut(Tensor src, float[] dst, int offset) {
        System.arraycopy(cpu(src).data(), 0, dst, offset, src.shape().size());
    }

    @Override
    public synchronized MemoryStats memory() {
        return new MemoryStats(liveTensors, liveBytes);
    }

    @Override
    protected void doGemm(boolean transposeA, boolean transposeB, float alpha, Tensor a, Tensor b,
                          float beta, Tensor c) {
        gemm.gemm(transposeA, transposeB, alpha, cpu(a).matrix(), cpu(b).matrix(), beta,
                cpu(c).matrix());
    }

    @Override
    protected void doBiasActivation(Activation f, Tensor z, Tensor bias, Tensor a) {
        float[] zs = cpu(z).data();
        float[] b = cpu(bias).data();
        float[] as = cpu(a).data();
        int rows = z.shape().rows();
        int cols = z.shape().cols();
        if (parallel.splits(rows, cols * CpuActivations.cost(f))) {
            parallel.forRange(rows, cols * CpuActivations.cost(f),
                    (from, to) -> CpuActivations.biasActivation(f, zs, b, as, from, to, cols));
        } else {
            CpuActivations.biasActivation(f, zs, b, as, 0, rows, cols);
        }
    }

    @Override
    protected void doActivationBackward(Activation f, Tensor z, Tensor a, Tensor dA, Tensor dZ) {
        float[] zs = cpu(z).data();
        float[] as = cpu(a).data();
        float[] da = cpu(dA).data();
        float[] dz = cpu(dZ).data();
        int rows = z.shape().rows();
        int cols = z.shape().cols();
        if (parallel.splits(rows, cols * CpuActivations.cost(f))) {
            parallel.forRange(rows, cols * CpuActivations.cost(f),
                    (from, to) -> CpuActivations.backward(f, zs, as, da, dz, from, to, cols));
        } else {
            CpuActivations.backward(f, zs, as, da, dz, 0, rows, cols);
        }
    }

    @Override
    protected void doColumnSums(float alpha, Tensor m, float beta, Tensor out) {
        float[] data = cpu(m).data();
        float[] sums = cpu(out).data();
        int rows = m.shape().rows();
        int cols = m.shape().cols();
        if (beta == 0f) {
            Arrays.fill(sums, 0f);
        } else if (beta != 1f) {
            for (int j = 0; j < cols; j++) {
                sums[j] *= beta;
            }
        }
        for (int r = 0; r < rows; r++) {
            int offset = r * cols;
            for (int j = 0; j < cols; j++) {
                sums[j] += alpha * data[offset + j];
            }
        }
    }

    @Override
    protected void doLossGradient(Loss loss, Tensor output, Tensor target, Tensor grad) {
        CpuLosses.gradient(loss, cpu(output).data(), cpu(target).data(), cpu(grad).data(),
                output.shape().rows(), output.shape().cols());
    }

    @Override
    protected void doAccumulateLoss(Loss loss, Tensor output, Tensor target, Tensor total) {
        cpu(total).data()[0] += (float) CpuLosses.sum(loss, cpu(output).data(),
                cpu(target).data(), output.shape().rows(), output.shape().cols());
    }

    @Override
    protected void doAccumulateCorrect(Tensor output, Tensor target, Tensor count) {
        cpu(count).data()[0] += CpuLosses.correct(cpu(output).data(), cpu(target).data(),
                output.shape().rows(), output.shape().cols(), target.shape().cols());
    }

    @Override
    protected void doArgmaxRows(Tensor m, Tensor indices) {
        float[] data = cpu(m).data();
        float[] out = cpu(indices).data();
        int cols = m.shape().cols();
        for (int r = 0; r < m.shape().rows(); r++) {
            out[r] = CpuLosses.argmax(data, r * cols, cols);
        }
    }

    @Override
    protected void doSgdUpdate(Tensor param, Tensor grad, float learningRate, float weightDecay) {
        float[] p = cpu(param).data();
        float[] g = cpu(grad).data();
        CpuUpdates.sgd(p, g, learningRate, weightDecay);
    }

    @Override
    protected void doMomentumUpdate(Tensor param, Tensor grad, Tensor velocity, float learningRate,
                                    float momentum, boolean nesterov, float weightDecay) {
        float[] p = cpu(param).data();
        float[] g = cpu(grad).data();
        float[] v = cpu(velocity).data();
        CpuUpdates.momentum(p, g, v, learningRate, momentum, nesterov, weightDecay);
    }

    @Override
    protected void doAdamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, float learningRate,
                                float beta1, float beta2, float epsilon, float weightDecay,
                                int step) {
        float[] p = cpu(param).data();
        float[] g = cpu(grad).data();
        float[] first = cpu(m).data();
        float[] second = cpu(v).data();
        float stepSize = CpuUpdates.adamStepSize(learningRate, beta1, beta2, step);
        float eps = CpuUpdates.adamEpsilon(epsilon, beta2, step);
        if (parallel.splits(p.length, CpuParallel.TRANSCENDENTAL)) {
            parallel.forRange(p.length, CpuParallel.TRANSCENDENTAL, (from, to) -> CpuUpdates.adam(
                    p, g, first, second, stepSize, beta1, beta2, eps, weightDecay, from, to));
        } else {
            CpuUpdates.adam(p, g, first, second, stepSize, beta1, beta2, eps, weightDecay, 0,
                    p.length);
        }
    }

    @Override
    protected void doDropout(float rate, long seed, Tensor x, Tensor mask, Tensor y) {
        float[] in = cpu(x).data();
        float[] keep = cpu(mask).data();
        float[] out = cpu(y).data();
        float scale = DropoutMask.scale(rate);
        for (int i = 0; i < in.length; i++) {
            keep[i] = DropoutMask.keep(seed, i, rate) ? scale : 0f;
            out[i] = in[i] * keep[i];
        }
    }

    @Override
    protected void doMultiply(Tensor a, Tensor b, Tensor out) {
        float[] x = cpu(a).data();
        float[] y = cpu(b).data();
        float[] product = cpu(out).data();
        for (int i = 0; i < product.length; i++) {
            product[i] = x[i] * y[i];
        }
    }

    @Override
    protected void doFill(Tensor t, float value) {
        Arrays.fill(cpu(t).data(), value);
    }

    @Override
    protected void doCopy(Tensor src, Tensor dst) {
        System.arraycopy(cpu(src).data(), 0, cpu(dst).data(), 0, src.shape().size());
    }

    @Override
    public void synchronize() {
        // every op has finished when it returns
    }

    /** Stops the helper threads; the tensors read as closed from now on. */
    @Override
    protected void release() {
        parallel.close();
    }

    private static CpuTensor cpu(Tensor t) {
        return (CpuTensor) t;
    }

    @Override
    public String toString() {
        return description();
    }
}
