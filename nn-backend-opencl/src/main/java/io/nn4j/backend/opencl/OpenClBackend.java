package io.nn4j.backend.opencl;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.MemoryStats;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.spi.OpChecks;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenCL backend: every tensor is a device buffer and every op one or two kernels queued
 * on one in-order queue. Ops return without waiting; only {@link #copyOut}, {@link #toArray}
 * and {@link #synchronize()} wait, so a training step crosses between host and device only for
 * its batch, its labels and, when read, the loss.
 *
 * <p>Opening builds every program and launches every kernel once, so that a driver that
 * compiles lazily (PoCL) does it before the first real step.
 */
final class OpenClBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(OpenClBackend.class);

    private final ClDevice device;
    private final ClTuning tuning;
    private final ClProgramCache programs;
    private final ClBuffers buffers;
    private final ClKernels kernels;
    private final ClUpdates updates;
    private final ClGemm gemm;
    private float[] rowStaging = new float[0];
    private Pointer rowStagingPointer = Pointer.to(rowStaging);
    private boolean closed;

    private OpenClBackend(ClDevice device, ClTuning tuning, ClProgramCache programs,
                          ClBuffers buffers, ClLauncher launcher, ClGemm gemm) {
        this.device = device;
        this.tuning = tuning;
        this.programs = programs;
        this.buffers = buffers;
        this.kernels = new ClKernels(programs, launcher, tuning.launch());
        this.updates = new ClUpdates(programs, launcher, tuning.launch());
        this.gemm = gemm;
    }

    /**
     * Opens {@code info}'s device, builds the kernels with {@code tuning}'s sizes and runs each
     * once. Whatever was made is released again if a step fails.
     *
     * @throws OpenClException when the device, a build or the warm-up fails
     */
    static OpenClBackend open(ClDeviceInfo info, ClTuning tuning) {
        long start = System.nanoTime();
        ClDevice device = new ClDevice(info);
        ClProgramCache programs = new ClProgramCache(device, tuning.buildOptions());
        ClBuffers buffers = new ClBuffers(device);
        ClGemm gemm = null;
        try {
            ClLauncher launcher = new ClLauncher(device);
            gemm = ClGemm.create(tuning, info, programs, buffers, launcher);
            OpenClBackend backend = new OpenClBackend(device, tuning, programs, buffers,
                    launcher, gemm);
            ClWarmUp.run(backend);
            LOG.info("Opened {} in {} ms", backend.description(),
                    (System.nanoTime() - start) / 1_000_000);
            return backend;
        } catch (RuntimeException | Error e) {
            release(e, gemm, buffers, programs, device);
            throw e;
        }
    }

    /** Closes what a failed open made, keeping any further failure as suppressed. */
    private static void release(Throwable failure, AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** The device this backend runs on. */
    ClDeviceInfo deviceInfo() {
        return device.info();
    }

    @Override
    public String name() {
        return OpenClBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "opencl (" + device.info().typeName() + " '" + device.info().fullName()
                + "', gemm " + tuning.describe() + ")";
    }

    @Override
    public synchronized Tensor zeros(Shape shape) {
        if (closed) {
            throw new IllegalStateException("zeros: the opencl backend has been closed");
        }
        ClTensor tensor = buffers.tensor(this, shape);
        try {
            kernels.fill(tensor, 0f);
        } catch (CLException e) {
            tensor.close();
            throw failed("zeros", e, tensor);
        }
        return tensor;
    }

    @Override
    public Tensor fromArray(float[] data, Shape shape) {
        OpChecks.fromArray(data, shape);
        Tensor tensor = zeros(shape);
        copyIn(data, 0, tensor);
        return tensor;
    }

    @Override
    public synchronized void copyIn(float[] src, int offset, Tensor dst) {
        OpChecks.copyIn(this, src, offset, dst);
        try {
            buffers.write(src, offset, cl(dst));
        } catch (CLException e) {
            throw failed("copyIn", e, dst);
        }
    }

    /**
     * Gathers the rows on the host into a staging array kept between calls (grown when a
     * larger batch comes), then writes it with one blocking transfer.
     */
    @Override
    public synchronized void copyInRows(float[] src, int[] rows, int from, Tensor dst) {
        OpChecks.copyInRows(this, src, rows, from, dst);
        int width = dst.shape().cols();
        int size = dst.shape().size();
        if (rowStaging.length < size) {
            rowStaging = new float[size];
            rowStagingPointer = Pointer.to(rowStaging);
        }
        for (int r = 0; r < dst.shape().rows(); r++) {
            System.arraycopy(src, rows[from + r] * width, rowStaging, r * width, width);
        }
        try {
            buffers.write(rowStagingPointer, cl(dst));
        } catch (CLException e) {
            throw failed("copyInRows", e, dst);
        }
    }

    @Override
    public synchronized void copyOut(Tensor src, float[] dst, int offset) {
        OpChecks.copyOut(this, src, dst, offset);
        try {
            buffers.read(cl(src), dst, offset);
        } catch (CLException e) {
            throw failed("copyOut", e, src);
        }
    }

    @Override
    public MemoryStats memory() {
        return buffers.memory();
    }

    @Override
    public synchronized void gemm(boolean transposeA, boolean transposeB, float alpha, Tensor a,
                                  Tensor b, float beta, Tensor c) {
        OpChecks.gemm(this, transposeA, transposeB, a, b, c);
        try {
            gemm.gemm(transposeA, transposeB, alpha, cl(a), cl(b), beta, cl(c));
        } catch (CLException e) {
            throw failed("gemm(" + (transposeA ? "T" : "N") + (transposeB ? "T" : "N") + ")", e,
                    a, b, c);
        }
    }

    @Override
    public synchronized void biasActivation(Activation f, Tensor z, Tensor bias, Tensor a) {
        OpChecks.biasActivation(this, f, z, bias, a);
        try {
            kernels.biasActivation(f, cl(z), cl(bias), cl(a));
        } catch (CLException e) {
            throw failed("biasActivation(" + f.id() + ")", e, z, bias, a);
        }
    }

    @Override
    public synchronized void activationBackward(Activation f, Tensor z, Tensor a, Tensor dA,
                                                Tensor dZ) {
        OpChecks.activationBackward(this, f, z, a, dA, dZ);
        try {
            kernels.activationBackward(f, cl(z), cl(a), cl(dA), cl(dZ));
        } catch (CLException e) {
            throw failed("activationBackward(" + f.id() + ")", e, z, a, dA, dZ);
        }
    }

    @Override
    public synchronized void columnSums(float alpha, Tensor m, float beta, Tensor out) {
        OpChecks.columnSums(this, m, out);
        try {
            kernels.columnSums(alpha, cl(m), beta, cl(out));
        } catch (CLException e) {
            throw failed("columnSums", e, m, out);
        }
    }

    @Override
    public synchronized void lossGradient(Loss loss, Tensor output, Tensor target, Tensor grad) {
        OpChecks.lossGradient(this, loss, output, target, grad);
        try {
            kernels.lossGradient(loss, cl(output), cl(target), cl(grad));
        } catch (CLException e) {
            throw failed("lossGradient(" + loss.id() + ")", e, output, target, grad);
        }
    }

    @Override
    public synchronized void accumulateLoss(Loss loss, Tensor output, Tensor target,
                                            Tensor total) {
        OpChecks.accumulateLoss(this, loss, output, target, total);
        try {
            kernels.accumulateLoss(loss, cl(output), cl(target), cl(total));
        } catch (CLException e) {
            throw failed("accumulateLoss(" + loss.id() + ")", e, output, target, total);
        }
    }

    @Override
    public synchronized void accumulateCorrect(Tensor output, Tensor target, Tensor count) {
        OpChecks.accumulateCorrect(this, output, target, count);
        try {
            kernels.accumulateCorrect(cl(output), cl(target), cl(count));
        } catch (CLException e) {
            throw failed("accumulateCorrect", e, output, target, count);
        }
    }

    @Override
    public synchronized void argmaxRows(Tensor m, Tensor indices) {
        OpChecks.argmaxRows(this, m, indices);
        try {
            kernels.argmaxRows(cl(m), cl(indices));
        } catch (CLException e) {
            throw failed("argmaxRows", e, m, indices);
        }
    }

    @Override
    public synchronized void sgdUpdate(Tensor param, Tensor grad, float learningRate,
                                       float weightDecay) {
        OpChecks.update(this, "sgdUpdate", learningRate, param, grad);
        try {
            updates.sgd(cl(param), cl(grad), learningRate, weightDecay);
        } catch (CLException e) {
            throw failed("sgdUpdate", e, param, grad);
        }
    }

    @Override
    public synchronized void momentumUpdate(Tensor param, Tensor grad, Tensor velocity,
                                            float learningRate, float momentum,
                                            boolean nesterov, float weightDecay) {
        OpChecks.update(this, "momentumUpdate", learningRate, param, grad, velocity);
        try {
            updates.momentum(cl(param), cl(grad), cl(velocity), learningRate, momentum,
                    nesterov, weightDecay);
        } catch (CLException e) {
            throw failed("momentumUpdate", e, param, grad, velocity);
        }
    }

    @Override
    public synchronized void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v,
                                        float learningRate, float beta1, float beta2,
                                        float epsilon, float weightDecay, int step) {
        OpChecks.update(this, "adamUpdate", learningRate, param, grad, m, v);
        try {
            updates.adam(cl(param), cl(grad), cl(m), cl(v), learningRate, beta1, beta2,
                    epsilon, weightDecay, step);
        } catch (CLException e) {
            throw failed("adamUpdate", e, param, grad, m, v);
        }
    }

    @Override
    public synchronized void dropout(float rate, long seed, Tensor x, Tensor mask, Tensor y) {
        OpChecks.dropout(this, rate, x, mask, y);
        try {
            kernels.dropout(rate, seed, cl(x), cl(mask), cl(y));
        } catch (CLException e) {
            throw failed("dropout", e, x, mask, y);
        }
    }

    @Override
    public synchronized void multiply(Tensor a, Tensor b, Tensor out) {
        OpChecks.multiply(this, a, b, out);
        try {
            kernels.multiply(cl(a), cl(b), cl(out));
        } catch (CLException e) {
            throw failed("multiply", e, a, b, out);
        }
    }

    @Override
    public synchronized void fill(Tensor t, float value) {
        OpChecks.owned(this, "fill", "t", t);
        try {
            kernels.fill(cl(t), value);
        } catch (CLException e) {
            throw failed("fill", e, t);
        }
    }

    @Override
    public synchronized void copy(Tensor src, Tensor dst) {
        OpChecks.copy(this, src, dst);
        try {
            buffers.copy(cl(src), cl(dst));
        } catch (CLException e) {
            throw failed("copy", e, src, dst);
        }
    }

    @Override
    public synchronized void scale(float alpha, Tensor t) {
        OpChecks.owned(this, "scale", "t", t);
        try {
            kernels.scale(alpha, cl(t));
        } catch (CLException e) {
            throw failed("scale", e, t);
        }
    }

    @Override
    public synchronized void synchronize() {
        if (!closed) {
            device.synchronize();
        }
    }

    /** Releases every open tensor, the GEMM scratch, kernels, programs, queue and context. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        gemm.close();
        buffers.close();
        programs.close();
        device.close();
    }

    /** The exception for a failed OpenCL call in {@code op}: op, shapes, device and status. */
    private OpenClException failed(String op, CLException e, Tensor... tensors) {
        String shapes = Arrays.stream(tensors).map(t -> t.shape().toString())
                .collect(Collectors.joining(", "));
        return device.error("opencl " + op + " on " + shapes, e);
    }

    private static ClTensor cl(Tensor t) {
        return (ClTensor) t;
    }

    @Override
    public String toString() {
        return description();
    }
}
