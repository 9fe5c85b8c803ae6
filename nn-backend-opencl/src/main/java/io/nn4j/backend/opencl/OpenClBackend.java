package io.nn4j.backend.opencl;

import io.nn4j.api.Activation;
import io.nn4j.api.KeptRows;
import io.nn4j.api.Loss;
import io.nn4j.api.MemoryStats;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.spi.CheckedBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
final class OpenClBackend extends CheckedBackend {
    /**
     * The option that stops {@code keepRows} from keeping data on the device: {@code off}
     * (default {@code auto}: keep a data set that fits in a quarter of the device's memory).
     */
    static final String KEEP_DATA_OPTION = "nn.opencl.keep-data";
    private static final Logger LOG = LoggerFactory.getLogger(OpenClBackend.class);

    private final ClDevice device;
    private final ClTuning tuning;
    private final ClProgramCache programs;
    private final ClBuffers buffers;
    private final ClLayerOps layerOps;
    private final ClOptimizerOps optimizerOps;
    private final ClGemm gemm;
    private final ClLaunch launch;
    private final boolean keepsData;
    private final Set<ClKeptRows> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private float[] rowStaging = new float[0];
    private Pointer rowStagingPointer = Pointer.to(rowStaging);

    private OpenClBackend(ClDevice device, ClTuning tuning, ClProgramCache programs,
                          ClBuffers buffers, ClLaunch launch, ClGemm gemm, boolean keepsData) {
        this.device = device;
        this.tuning = tuning;
        this.programs = programs;
        this.buffers = buffers;
        this.layerOps = new ClLayerOps(programs, launch, tuning.launch());
        this.optimizerOps = new ClOptimizerOps(programs, launch, tuning.launch());
        this.gemm = gemm;
        this.launch = launch;
        this.keepsData = keepsData;
    }

    /** {@link #open(ClDeviceInfo, ClTuning, boolean)}, keeping data sets that fit. */
    static OpenClBackend open(ClDeviceInfo info, ClTuning tuning) {
        return open(info, tuning, true);
    }

    /**
     * Opens {@code info}'s device, builds the kernels with {@code tuning}'s sizes and runs each
     * once. Whatever was made is released again if a step fails.
     *
     * @param keepsData whether {@code keepRows} keeps a data set that fits on the device
     *                  ({@value #KEEP_DATA_OPTION}); without it every batch is copied in
     * @throws OpenClException when the device, a build or the warm-up fails
     */
    static OpenClBackend open(ClDeviceInfo info, ClTuning tuning, boolean keepsData) {
        long start = System.nanoTime();
        ClDevice device = new ClDevice(info);
        ClProgramCache programs = new ClProgramCache(device, tuning.buildOptions());
        ClBuffers buffers = new ClBuffers(device);
        ClGemm gemm = null;
        try {
            ClLaunch launch = new ClLaunch(device);
            gemm = ClGemm.create(tuning, info, programs, buffers, launch);
            OpenClBackend backend = new OpenClBackend(device, tuning, programs, buffers,
                    launch, gemm, keepsData);
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
    protected synchronized Tensor doZeros(Shape shape) {
        ClTensor tensor = buffers.tensor(this, shape);
        try {
            layerOps.fill(tensor, 0f);
        } catch (CLException e) {
            tensor.close();
            throw failed("zeros", e, tensor);
        }
        return tensor;
    }

    @Override
    protected synchronized void doCopyIn(float[] src, int offset, Tensor dst) {
        buffers.write(src, offset, cl(dst));
    }

    /**
     * Gathers the rows on the host into a staging array kept between calls (grown when a
     * larger batch comes), then writes it with one blocking transfer.
     */
    @Override
    protected synchronized void doCopyInRows(float[] src, int[] rows, int from, Tensor dst) {
        int width = dst.shape().cols();
        int size = dst.shape().size();
        if (rowStaging.length < size) {
            rowStaging = new float[size];
            rowStagingPointer = Pointer.to(rowStaging);
        }
        for (int r = 0; r < dst.shape().rows(); r++) {
            System.arraycopy(src, rows[from + r] * width, rowStaging, r * width, width);
        }
        buffers.write(rowStagingPointer, cl(dst));
    }

    /**
     * Keeps the data set on the device when this backend keeps data and it fits in a quarter of
     * the device's global memory ({@link ClKeptRows}); else empty.
     */
    @Override
    protected synchronized Optional<KeptRows> doKeepRows(float[] features, int featureCount,
                                                         int size, float[] targets,
                                                         int targetCount) {
        return keep(() -> ClKeptRows.keep(this, buffers, layerOps, device.info(), features,
                featureCount, size, targets, targetCount), size, featureCount);
    }

    /** The same for features coded as bytes into a palette. */
    @Override
    protected synchronized Optional<KeptRows> doKeepRows(byte[] codes, float[] palette,
                                                         int featureCount, int size,
                                                         float[] targets, int targetCount) {
        return keep(() -> ClKeptRows.keep(this, buffers, layerOps, device.info(), codes,
                palette, featureCount, size, targets, targetCount), size, featureCount);
    }

    /** Runs {@code upload} when this backend keeps data, tracks what it kept, logs a refusal. */
    private Optional<KeptRows> keep(Supplier<ClKeptRows> upload, int size, int featureCount) {
        if (!keepsData) {
            return Optional.empty();
        }
        ClKeptRows rows;
        try {
            rows = upload.get();
        } catch (CLException e) {
            throw failed("keepRows", e);
        }
        if (rows == null) {
            LOG.info("Not keeping {} rows of {} features on the device: more than a quarter of "
                    + "its memory; batches are copied in", size, featureCount);
            return Optional.empty();
        }
        kept.add(rows);
        return Optional.of(rows);
    }

    /** Stops tracking kept rows that were closed. */
    synchronized void forget(ClKeptRows rows) {
        kept.remove(rows);
    }

    @Override
    protected synchronized void doCopyOut(Tensor src, float[] dst, int offset) {
        buffers.read(cl(src), dst, offset);
    }

    /** The kernels launched and the host-to-device copies since opening. */
    synchronized OpenClTraffic traffic() {
        return buffers.traffic(launch.launches());
    }

    @Override
    public MemoryStats memory() {
        return buffers.memory();
    }

    @Override
    protected synchronized void doGemm(boolean transposeA, boolean transposeB, float alpha,
                                       Tensor a, Tensor b, float beta, Tensor c) {
        gemm.gemm(transposeA, transposeB, alpha, cl(a), cl(b), beta, cl(c));
    }

    @Override
    protected synchronized void doBiasActivation(Activation f, Tensor z, Tensor bias, Tensor a) {
        layerOps.biasActivation(f, cl(z), cl(bias), cl(a));
    }

    /** One launch on the blocked family ({@link ClGemm#denseForward}), else two. */
    @Override
    protected synchronized void doDenseForward(Activation f, Tensor x, Tensor w, Tensor bias,
                                               Tensor z, Tensor a) {
        if (!gemm.denseForward(f, cl(x), cl(w), cl(bias), cl(z), cl(a))) {
            super.doDenseForward(f, x, w, bias, z, a);
        }
    }

    /** One launch where {@link ClGemm#denseBackward} takes it, else the ops it is made of. */
    @Override
    protected synchronized void doDenseBackward(Tensor dZ, Tensor x, Tensor w,
                                                Activation inputActivation, Tensor inputZ,
                                                Tensor inputGradient, float weightAlpha,
                                                float weightBeta, Tensor weightTarget,
                                                float biasAlpha, float biasBeta,
                                                Tensor biasTarget) {
        if (!gemm.denseBackward(cl(dZ), cl(x), cl(w), inputActivation, cl(inputZ),
                cl(inputGradient), weightAlpha, weightBeta, cl(weightTarget), biasAlpha,
                biasBeta, cl(biasTarget))) {
            super.doDenseBackward(dZ, x, w, inputActivation, inputZ, inputGradient, weightAlpha,
                    weightBeta, weightTarget, biasAlpha, biasBeta, biasTarget);
        }
    }

    @Override
    protected synchronized void doActivationBackward(Activation f, Tensor z, Tensor a, Tensor dA,
                                                     Tensor dZ) {
        layerOps.activationBackward(f, cl(z), cl(a), cl(dA), cl(dZ));
    }

    @Override
    protected synchronized void doColumnSums(float alpha, Tensor m, float beta, Tensor out) {
        layerOps.columnSums(alpha, cl(m), beta, cl(out));
    }

    @Override
    protected synchronized void doLossGradient(Loss loss, Tensor output, Tensor target,
                                               Tensor grad) {
        layerOps.lossGradient(loss, cl(output), cl(target), cl(grad));
    }

    @Override
    protected synchronized void doAccumulateLoss(Loss loss, Tensor output, Tensor target,
                                                 Tensor total) {
        layerOps.accumulateLoss(loss, cl(output), cl(target), cl(total));
    }

    @Override
    protected synchronized void doLossGradientAndSum(Loss loss, Tensor output, Tensor target,
                                                     Tensor grad, Tensor total) {
        layerOps.lossGradientAndSum(loss, cl(output), cl(target), cl(grad), cl(total));
    }

    @Override
    protected synchronized void doAccumulateCorrect(Tensor output, Tensor target, Tensor count) {
        layerOps.accumulateCorrect(cl(output), cl(target), cl(count));
    }

    @Override
    protected synchronized void doArgmaxRows(Tensor m, Tensor indices) {
        layerOps.argmaxRows(cl(m), cl(indices));
    }

    @Override
    protected synchronized void doSgdUpdate(Tensor param, Tensor grad, float learningRate,
                                            float weightDecay) {
        optimizerOps.sgd(cl(param), cl(grad), learningRate, weightDecay);
    }

    @Override
    protected synchronized void doMomentumUpdate(Tensor param, Tensor grad, Tensor velocity,
                                                 float learningRate, float momentum,
                                                 boolean nesterov, float weightDecay) {
        optimizerOps.momentum(cl(param), cl(grad), cl(velocity), learningRate, momentum,
                nesterov, weightDecay);
    }

    @Override
    protected synchronized void doAdamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v,
                                             float learningRate, float beta1, float beta2,
                                             float epsilon, float weightDecay, int step) {
        optimizerOps.adam(cl(param), cl(grad), cl(m), cl(v), learningRate, beta1, beta2,
                epsilon, weightDecay, step);
    }

    @Override
    protected synchronized void doDropout(float rate, long seed, Tensor x, Tensor mask, Tensor y) {
        layerOps.dropout(rate, seed, cl(x), cl(mask), cl(y));
    }

    @Override
    protected synchronized void doMultiply(Tensor a, Tensor b, Tensor out) {
        layerOps.multiply(cl(a), cl(b), cl(out));
    }

    @Override
    protected synchronized void doFill(Tensor t, float value) {
        layerOps.fill(cl(t), value);
    }

    @Override
    protected synchronized void doCopy(Tensor src, Tensor dst) {
        buffers.copy(cl(src), cl(dst));
    }

    @Override
    public synchronized void synchronize() {
        if (!isClosed()) {
            device.synchronize();
        }
    }

    /**
     * Releases every kept data set and open tensor, the GEMM scratch, kernels, programs, queue
     * and context.
     */
    @Override
    protected synchronized void release() {
        new ArrayList<>(kept).forEach(ClKeptRows::close);
        gemm.close();
        buffers.close();
        programs.close();
        device.close();
    }

    /**
     * A failed OpenCL call in {@code op} as an {@link OpenClException} naming the op, the
     * shapes, the device and the status; other failures pass unchanged.
     */
    @Override
    protected RuntimeException failed(String op, RuntimeException failure, Tensor... tensors) {
        if (!(failure instanceof CLException e)) {
            return failure;
        }
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
