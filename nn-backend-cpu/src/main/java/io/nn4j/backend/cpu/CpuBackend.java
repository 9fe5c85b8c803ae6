package io.nn4j.backend.cpu;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.MemoryStats;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.spi.DropoutMask;
import io.nn4j.api.spi.OpChecks;
import java.util.Arrays;

/**
 * The CPU backend: tensors on the Java heap as EJML matrices, GEMM through a
 * {@link GemmEngine}, every other op a plain loop. Ops run synchronously on the calling thread.
 *
 * <p>Threads: safe to share. Ops keep no state between calls (the elementwise splitter serves
 * one large loop at a time), so threads may run ops at once on tensors that no other thread
 * writes meanwhile; the tensor counts are kept under a lock.
 */
final class CpuBackend implements Backend {
    private static final int FLOAT_BYTES = Float.BYTES;

    private final GemmEngine gemm;
    private final CpuParallel parallel;
    private long liveTensors;
    private long liveBytes;
    private volatile boolean closed;

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
    public synchronized Tensor zeros(Shape shape) {
        if (closed) {
            throw new IllegalStateException("zeros: the cpu backend has been closed");
        }
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
    public Tensor fromArray(float[] data, Shape shape) {
        OpChecks.fromArray(data, shape);
        Tensor tensor = zeros(shape);
        System.arraycopy(data, 0, cpu(tensor).data(), 0, data.length);
        return tensor;
    }

    @Override
    public void copyIn(float[] src, int offset, Tensor dst) {
        OpChecks.copyIn(this, src, offset, dst);
        System.arraycopy(src, offset, cpu(dst).data(), 0, dst.shape().size());
    }

    @Override
    public void copyInRows(float[] src, int[] rows, int from, Tensor dst) {
        OpChecks.copyInRows(this, src, rows, from, dst);
        float[] data = cpu(dst).data();
        int width = dst.shape().cols();
        for (int r = 0; r < dst.shape().rows(); r++) {
            System.arraycopy(src, rows[from + r] * width, data, r * width, width);
        }
    }

    @Override
    public void copyOut(Tensor src, float[] dst, int offset) {
        OpChecks.copyOut(this, src, dst, offset);
        System.arraycopy(cpu(src).data(), 0, dst, offset, src.shape().size());
    }

    @Override
    public synchronized MemoryStats memory() {
        return new MemoryStats(liveTensors, liveBytes);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, Tensor a, Tensor b,
                     float beta, Tensor c) {
        OpChecks.gemm(this, transposeA, transposeB, a, b, c);
        gemm.gemm(transposeA, transposeB, alpha, cpu(a).matrix(), cpu(b).matrix(), beta,
                cpu(c).matrix());
    }

    @Override
    public void biasActivation(Activation f, Tensor z, Tensor bias, Tensor a) {
        OpChecks.biasActivation(this, f, z, bias, a);
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
    public void activationBackward(Activation f, Tensor z, Tensor a, Tensor dA, Tensor dZ) {
        OpChecks.activationBackward(this, f, z, a, dA, dZ);
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
    public void columnSums(float alpha, Tensor m, float beta, Tensor out) {
        OpChecks.columnSums(this, m, out);
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
    public void lossGradient(Loss loss, Tensor output, Tensor target, Tensor grad) {
        OpChecks.lossGradient(this, loss, output, target, grad);
        CpuLosses.gradient(loss, cpu(output).data(), cpu(target).data(), cpu(grad).data(),
                output.shape().rows(), output.shape().cols());
    }

    @Override
    public void accumulateLoss(Loss loss, Tensor output, Tensor target, Tensor total) {
        OpChecks.accumulateLoss(this, loss, output, target, total);
        cpu(total).data()[0] += (float) CpuLosses.sum(loss, cpu(output).data(),
                cpu(target).data(), output.shape().rows(), output.shape().cols());
    }

    @Override
    public void accumulateCorrect(Tensor output, Tensor target, Tensor count) {
        OpChecks.accumulateCorrect(this, output, target, count);
        cpu(count).data()[0] += CpuLosses.correct(cpu(output).data(), cpu(target).data(),
                output.shape().rows(), output.shape().cols(), target.shape().cols());
    }

    @Override
    public void argmaxRows(Tensor m, Tensor indices) {
        OpChecks.argmaxRows(this, m, indices);
        float[] data = cpu(m).data();
        float[] out = cpu(indices).data();
        int cols = m.shape().cols();
        for (int r = 0; r < m.shape().rows(); r++) {
            out[r] = CpuLosses.argmax(data, r * cols, cols);
        }
    }

    @Override
    public void sgdUpdate(Tensor param, Tensor grad, float learningRate, float weightDecay) {
        OpChecks.update(this, "sgdUpdate", learningRate, param, grad);
        float[] p = cpu(param).data();
        float[] g = cpu(grad).data();
        CpuUpdates.sgd(p, g, learningRate, weightDecay);
    }

    @Override
    public void momentumUpdate(Tensor param, Tensor grad, Tensor velocity, float learningRate,
                               float momentum, boolean nesterov, float weightDecay) {
        OpChecks.update(this, "momentumUpdate", learningRate, param, grad, velocity);
        float[] p = cpu(param).data();
        float[] g = cpu(grad).data();
        float[] v = cpu(velocity).data();
        CpuUpdates.momentum(p, g, v, learningRate, momentum, nesterov, weightDecay);
    }

    @Override
    public void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, float learningRate,
                           float beta1, float beta2, float epsilon, float weightDecay, int step) {
        OpChecks.update(this, "adamUpdate", learningRate, param, grad, m, v);
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
    public void dropout(float rate, long seed, Tensor x, Tensor mask, Tensor y) {
        OpChecks.dropout(this, rate, x, mask, y);
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
    public void multiply(Tensor a, Tensor b, Tensor out) {
        OpChecks.multiply(this, a, b, out);
        float[] x = cpu(a).data();
        float[] y = cpu(b).data();
        float[] product = cpu(out).data();
        for (int i = 0; i < product.length; i++) {
            product[i] = x[i] * y[i];
        }
    }

    @Override
    public void fill(Tensor t, float value) {
        OpChecks.owned(this, "fill", "t", t);
        Arrays.fill(cpu(t).data(), value);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        OpChecks.copy(this, src, dst);
        System.arraycopy(cpu(src).data(), 0, cpu(dst).data(), 0, src.shape().size());
    }

    @Override
    public void scale(float alpha, Tensor t) {
        OpChecks.owned(this, "scale", "t", t);
        float[] data = cpu(t).data();
        for (int i = 0; i < data.length; i++) {
            data[i] *= alpha;
        }
    }

    @Override
    public void synchronize() {
        // every op has finished when it returns
    }

    /** Makes every tensor of this backend unusable (as closed) and stops the helper threads. */
    @Override
    public synchronized void close() {
        closed = true;
        parallel.close();
    }

    /** Whether {@link #close()} has been called: then every tensor reads as closed. */
    boolean isClosed() {
        return closed;
    }

    private static CpuTensor cpu(Tensor t) {
        return (CpuTensor) t;
    }

    @Override
    public String toString() {
        return description();
    }
}
