package io.nn4j.api.spi;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;

/**
 * The base of a backend: every op of {@link Backend} is a final method here that refuses a
 * closed backend, checks its arguments ({@link OpChecks}: every backend rejects bad input with
 * the same message), runs the backend's own version of the op (the matching {@code do} method,
 * which may then assume open tensors of its own with consistent shapes) and lets
 * {@link #failed} turn a failure of that code into the backend's own exception. Adding an op
 * takes its check, its final method here and its {@code do} method in each backend.
 *
 * <p>Threads: the checks keep no state. A subclass must make its {@code do} methods safe to call
 * from several threads at once, as {@link Backend} says.
 */
public abstract class CheckedBackend implements Backend {
    private volatile boolean closed;

    /** Whether {@link #close()} has been called: the backend's tensors then read as closed. */
    public final boolean isClosed() {
        return closed;
    }

    /** Frees everything the backend holds, once; later calls do nothing. */
    @Override
    public final void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        release();
    }

    /** Frees what the backend holds; called once, by {@link #close()}. */
    protected abstract void release();

    /**
     * The exception for {@code failure}, thrown by the {@code do} method of {@code op} on
     * {@code tensors}: by default {@code failure} itself. A device backend names the op, the
     * shapes and the device here.
     */
    protected RuntimeException failed(String op, RuntimeException failure, Tensor... tensors) {
        return failure;
    }

    private void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": the " + name() + " backend has been closed");
        }
    }

    // ---- tensors -------------------------------------------------------------------------

    @Override
    public final Tensor zeros(Shape shape) {
        checkOpen("zeros");
        return doZeros(shape);
    }

    /** A new zero tensor of {@code shape}. */
    protected abstract Tensor doZeros(Shape shape);

    @Override
    public final Tensor fromArray(float[] data, Shape shape) {
        OpChecks.fromArray(data, shape);
        Tensor tensor = zeros(shape);
        copyIn(data, 0, tensor);
        return tensor;
    }

    @Override
    public final void copyIn(float[] src, int offset, Tensor dst) {
        checkOpen("copyIn");
        OpChecks.copyIn(this, src, offset, dst);
        try {
            doCopyIn(src, offset, dst);
        } catch (RuntimeException e) {
            throw failed("copyIn", e, dst);
        }
    }

    /** {@link #copyIn}, checked. */
    protected abstract void doCopyIn(float[] src, int offset, Tensor dst);

    @Override
    public final void copyInRows(float[] src, int[] rows, int from, Tensor dst) {
        checkOpen("copyInRows");
        OpChecks.copyInRows(this, src, rows, from, dst);
        try {
            doCopyInRows(src, rows, from, dst);
        } catch (RuntimeException e) {
            throw failed("copyInRows", e, dst);
        }
    }

    /** {@link #copyInRows}, checked. */
    protected abstract void doCopyInRows(float[] src, int[] rows, int from, Tensor dst);

    @Override
    public final void copyOut(Tensor src, float[] dst, int offset) {
        checkOpen("copyOut");
        OpChecks.copyOut(this, src, dst, offset);
        try {
            doCopyOut(src, dst, offset);
        } catch (RuntimeException e) {
            throw failed("copyOut", e, src);
        }
    }

    /** {@link #copyOut}, checked. */
    protected abstract void doCopyOut(Tensor src, float[] dst, int offset);

    // ---- linear algebra ------------------------------------------------------------------

    @Override
    public final void gemm(boolean transposeA, boolean transposeB, float alpha, Tensor a,
                           Tensor b, float beta, Tensor c) {
        checkOpen("gemm");
        OpChecks.gemm(this, transposeA, transposeB, a, b, c);
        try {
            doGemm(transposeA, transposeB, alpha, a, b, beta, c);
        } catch (RuntimeException e) {
            throw failed("gemm(" + (transposeA ? "T" : "N") + (transposeB ? "T" : "N") + ")", e,
                    a, b, c);
        }
    }

    /** {@link #gemm}, checked. */
    protected abstract void doGemm(boolean transposeA, boolean transposeB, float alpha, Tensor a,
                                   Tensor b, float beta, Tensor c);

    // ---- layer ops -----------------------------------------------------------------------

    @Override
    public final void biasActivation(Activation f, Tensor z, Tensor bias, Tensor a) {
        checkOpen("biasActivation");
        OpChecks.biasActivation(this, f, z, bias, a);
        try {
            doBiasActivation(f, z, bias, a);
        } catch (RuntimeException e) {
            throw failed("biasActivation(" + f.id() + ")", e, z, bias, a);
        }
    }

    /** {@link #biasActivation}, checked. */
    protected abstract void doBiasActivation(Activation f, Tensor z, Tensor bias, Tensor a);

    @Override
    public final void activationBackward(Activation f, Tensor z, Tensor a, Tensor dA,
                                         Tensor dZ) {
        checkOpen("activationBackward");
        OpChecks.activationBackward(this, f, z, a, dA, dZ);
        try {
            doActivationBackward(f, z, a, dA, dZ);
        } catch (RuntimeException e) {
            throw failed("activationBackward(" + f.id() + ")", e, z, a, dA, dZ);
        }
    }

    /** {@link #activationBackward}, checked. */
    protected abstract void doActivationBackward(Activation f, Tensor z, Tensor a, Tensor dA,
                                                 Tensor dZ);

    @Override
    public final void columnSums(float alpha, Tensor m, float beta, Tensor out) {
        checkOpen("columnSums");
        OpChecks.columnSums(this, m, out);
        try {
            doColumnSums(alpha, m, beta, out);
        } catch (RuntimeException e) {
            throw failed("columnSums", e, m, out);
        }
    }

    /** {@link #columnSums}, checked. */
    protected abstract void doColumnSums(float alpha, Tensor m, float beta, Tensor out);

    // ---- losses and metrics --------------------------------------------------------------

    @Override
    public final void lossGradient(Loss loss, Tensor output, Tensor target, Tensor grad) {
        checkOpen("lossGradient");
        OpChecks.lossGradient(this, loss, output, target, grad);
        try {
            doLossGradient(loss, output, target, grad);
        } catch (RuntimeException e) {
            throw failed("lossGradient(" + loss.id() + ")", e, output, target, grad);
        }
    }

    /** {@link #lossGradient}, checked. */
    protected abstract void doLossGradient(Loss loss, Tensor output, Tensor target, Tensor grad);

    @Override
    public final void accumulateLoss(Loss loss, Tensor output, Tensor target, Tensor total) {
        checkOpen("accumulateLoss");
        OpChecks.accumulateLoss(this, loss, output, target, total);
        try {
            doAccumulateLoss(loss, output, target, total);
        } catch (RuntimeException e) {
            throw failed("accumulateLoss(" + loss.id() + ")", e, output, target, total);
        }
    }

    /** {@link #accumulateLoss}, checked. */
    protected abstract void doAccumulateLoss(Loss loss, Tensor output, Tensor target,
                                             Tensor total);

    @Override
    public final void accumulateCorrect(Tensor output, Tensor target, Tensor count) {
        checkOpen("accumulateCorrect");
        OpChecks.accumulateCorrect(this, output, target, count);
        try {
            doAccumulateCorrect(output, target, count);
        } catch (RuntimeException e) {
            throw failed("accumulateCorrect", e, output, target, count);
        }
    }

    /** {@link #accumulateCorrect}, checked. */
    protected abstract void doAccumulateCorrect(Tensor output, Tensor target, Tensor count);

    @Override
    public final void argmaxRows(Tensor m, Tensor indices) {
        checkOpen("argmaxRows");
        OpChecks.argmaxRows(this, m, indices);
        try {
            doArgmaxRows(m, indices);
        } catch (RuntimeException e) {
            throw failed("argmaxRows", e, m, indices);
        }
    }

    /** {@link #argmaxRows}, checked. */
    protected abstract void doArgmaxRows(Tensor m, Tensor indices);

    // ---- optimizer updates ---------------------------------------------------------------

    @Override
    public final void sgdUpdate(Tensor param, Tensor grad, float learningRate,
                                float weightDecay) {
        checkOpen("sgdUpdate");
        OpChecks.update(this, "sgdUpdate", learningRate, param, grad);
        try {
            doSgdUpdate(param, grad, learningRate, weightDecay);
        } catch (RuntimeException e) {
            throw failed("sgdUpdate", e, param, grad);
        }
    }

    /** {@link #sgdUpdate}, checked. */
    protected abstract void doSgdUpdate(Tensor param, Tensor grad, float learningRate,
                                        float weightDecay);

    @Override
    public final void momentumUpdate(Tensor param, Tensor grad, Tensor velocity,
                                     float learningRate, float momentum, boolean nesterov,
                                     float weightDecay) {
        checkOpen("momentumUpdate");
        OpChecks.update(this, "momentumUpdate", learningRate, param, grad, velocity);
        try {
            doMomentumUpdate(param, grad, velocity, learningRate, momentum, nesterov,
                    weightDecay);
        } catch (RuntimeException e) {
            throw failed("momentumUpdate", e, param, grad, velocity);
        }
    }

    /** {@link #momentumUpdate}, checked. */
    protected abstract void doMomentumUpdate(Tensor param, Tensor grad, Tensor velocity,
                                             float learningRate, float momentum,
                                             boolean nesterov, float weightDecay);

    @Override
    public final void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v,
                                 float learningRate, float beta1, float beta2, float epsilon,
                                 float weightDecay, int step) {
        checkOpen("adamUpdate");
        OpChecks.update(this, "adamUpdate", learningRate, param, grad, m, v);
        try {
            doAdamUpdate(param, grad, m, v, learningRate, beta1, beta2, epsilon, weightDecay,
                    step);
        } catch (RuntimeException e) {
            throw failed("adamUpdate", e, param, grad, m, v);
        }
    }

    /** {@link #adamUpdate}, checked. */
    protected abstract void doAdamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v,
                                         float learningRate, float beta1, float beta2,
                                         float epsilon, float weightDecay, int step);

    // ---- elementwise utilities -----------------------------------------------------------

    @Override
    public final void dropout(float rate, long seed, Tensor x, Tensor mask, Tensor y) {
        checkOpen("dropout");
        OpChecks.dropout(this, rate, x, mask, y);
        try {
            doDropout(rate, seed, x, mask, y);
        } catch (RuntimeException e) {
            throw failed("dropout", e, x, mask, y);
        }
    }

    /** {@link #dropout}, checked. */
    protected abstract void doDropout(float rate, long seed, Tensor x, Tensor mask, Tensor y);

    @Override
    public final void multiply(Tensor a, Tensor b, Tensor out) {
        checkOpen("multiply");
        OpChecks.multiply(this, a, b, out);
        try {
            doMultiply(a, b, out);
        } catch (RuntimeException e) {
            throw failed("multiply", e, a, b, out);
        }
    }

    /** {@link #multiply}, checked. */
    protected abstract void doMultiply(Tensor a, Tensor b, Tensor out);

    @Override
    public final void fill(Tensor t, float value) {
        checkOpen("fill");
        OpChecks.owned(this, "fill", "t", t);
        try {
            doFill(t, value);
        } catch (RuntimeException e) {
            throw failed("fill", e, t);
        }
    }

    /** {@link #fill}, checked. */
    protected abstract void doFill(Tensor t, float value);

    @Override
    public final void copy(Tensor src, Tensor dst) {
        checkOpen("copy");
        OpChecks.copy(this, src, dst);
        try {
            doCopy(src, dst);
        } catch (RuntimeException e) {
            throw failed("copy", e, src, dst);
        }
    }

    /** {@link #copy}, checked. */
    protected abstract void doCopy(Tensor src, Tensor dst);
}
