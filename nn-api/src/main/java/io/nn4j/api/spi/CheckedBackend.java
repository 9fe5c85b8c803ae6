package io.nn4j.api.spi;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.KeptRows;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.Optional;

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

    /**
     * Whether {@link #close()} has been called: the backend's tensors then read as closed.
     *
     * @return true once closed
     */
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
     *
     * @param op the public op's name, e.g. {@code gemm}
     * @param failure what the {@code do} method threw
     * @param tensors the op's tensors, in argument order
     * @return the exception to throw in its place
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

    /**
     * A new zero tensor of {@code shape}.
     *
     * @param shape the new tensor's shape
     * @return the new tensor
     */
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

    /**
     * {@link #copyIn}, checked.
     *
     * @param src the values, row-major
     * @param offset the index in {@code src} of the first value copied
     * @param dst the tensor written
     */
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

    /**
     * {@link #copyInRows}, checked.
     *
     * @param src the rows, row-major, each as wide as {@code dst}
     * @param rows the indices of the rows to copy
     * @param from the position in {@code rows} of the first row copied
     * @param dst the tensor written, one row per copied row
     */
    protected abstract void doCopyInRows(float[] src, int[] rows, int from, Tensor dst);

    @Override
    public final Optional<KeptRows> keepRows(float[] features, int featureCount,
                                             float[] targets, int targetCount) {
        checkOpen("keepRows");
        int size = OpChecks.keepRows(features, featureCount, targets, targetCount);
        return doKeepRows(features, featureCount, size, targets, targetCount);
    }

    /**
     * {@link #keepRows}, checked: both arrays hold {@code size} whole rows, at least one. By
     * default keeps nothing (empty): batches are then copied from the host. A device backend
     * returns its own {@link CheckedKeptRows} when the data fits.
     *
     * @param features     the feature rows, row-major
     * @param featureCount the features per example
     * @param size         the examples
     * @param targets      the target rows, row-major
     * @param targetCount  the targets per example
     * @return the kept rows, or empty
     */
    protected Optional<KeptRows> doKeepRows(float[] features, int featureCount, int size,
                                            float[] targets, int targetCount) {
        return Optional.empty();
    }

    @Override
    public final Optional<KeptRows> keepRows(byte[] codes, float[] palette, int featureCount,
                                             float[] targets, int targetCount) {
        checkOpen("keepRows");
        int size = OpChecks.keepRows(codes, palette, featureCount, targets, targetCount);
        return doKeepRows(codes, palette, featureCount, size, targets, targetCount);
    }

    /**
     * {@link #keepRows(byte[], float[], int, float[], int)}, checked: both arrays hold
     * {@code size} whole rows, at least one, and every code indexes the palette. By default
     * keeps nothing (empty).
     *
     * @param codes        the feature rows as indices into {@code palette}
     * @param palette      the float of each code
     * @param featureCount the features per example
     * @param size         the examples
     * @param targets      the target rows, row-major
     * @param targetCount  the targets per example
     * @return the kept rows, or empty
     */
    protected Optional<KeptRows> doKeepRows(byte[] codes, float[] palette, int featureCount,
                                            int size, float[] targets, int targetCount) {
        return Optional.empty();
    }

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

    /**
     * {@link #copyOut}, checked.
     *
     * @param src the tensor read
     * @param dst the array written
     * @param offset the index in {@code dst} of the first value written
     */
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

    /**
     * {@link #gemm}, checked.
     *
     * @param transposeA whether {@code op(A)} is {@code Aᵀ}
     * @param transposeB whether {@code op(B)} is {@code Bᵀ}
     * @param alpha the factor of the product
     * @param a the left matrix {@code A}
     * @param b the right matrix {@code B}
     * @param beta the factor of {@code C}'s old contents
     * @param c the result {@code C}
     */
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

    /**
     * {@link #biasActivation}, checked.
     *
     * @param f the activation
     * @param z the pre-activation {@code Z} {@code [m, n]}, the bias added in place
     * @param bias the bias {@code [n]}
     * @param a the activation output {@code A} {@code [m, n]}
     */
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

    /**
     * {@link #activationBackward}, checked.
     *
     * @param f the activation
     * @param z its input {@code Z}
     * @param a its output {@code A = f(Z)}
     * @param dA the gradient with respect to {@code A}
     * @param dZ the gradient with respect to {@code Z}, written
     */
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

    /**
     * {@link #columnSums}, checked.
     *
     * @param alpha the factor of the sums
     * @param m the matrix {@code [r, n]} summed over its rows
     * @param beta the factor of {@code out}'s old values
     * @param out the result {@code [n]}
     */
    protected abstract void doColumnSums(float alpha, Tensor m, float beta, Tensor out);

    @Override
    public final void denseForward(Activation f, Tensor x, Tensor w, Tensor bias, Tensor z,
                                   Tensor a) {
        checkOpen("denseForward");
        OpChecks.denseForward(this, f, x, w, bias, z, a);
        try {
            doDenseForward(f, x, w, bias, z, a);
        } catch (RuntimeException e) {
            throw failed("denseForward", e, x, w, bias, z, a);
        }
    }

    /**
     * {@link #denseForward}, checked. By default {@link #doGemm} then
     * {@link #doBiasActivation}; a backend overrides it to fuse them.
     *
     * @param f the activation
     * @param x the layer's input {@code [m, k]}
     * @param w the weights {@code [n, k]}
     * @param bias the bias {@code [n]}
     * @param z the pre-activation {@code [m, n]}, written
     * @param a the activation output {@code [m, n]}, written
     */
    protected void doDenseForward(Activation f, Tensor x, Tensor w, Tensor bias, Tensor z,
                                  Tensor a) {
        doGemm(false, true, 1f, x, w, 0f, z);
        doBiasActivation(f, z, bias, a);
    }

    @Override
    public final void denseBackward(Tensor dZ, Tensor x, Tensor w, Activation inputActivation,
                                    Tensor inputZ, Tensor inputGradient, float weightAlpha,
                                    float weightBeta, Tensor weightTarget, float biasAlpha,
                                    float biasBeta, Tensor biasTarget) {
        checkOpen("denseBackward");
        OpChecks.denseBackward(this, dZ, x, w, inputActivation, inputZ, inputGradient,
                weightTarget, biasTarget);
        try {
            doDenseBackward(dZ, x, w, inputActivation, inputZ, inputGradient, weightAlpha,
                    weightBeta, weightTarget, biasAlpha, biasBeta, biasTarget);
        } catch (RuntimeException e) {
            throw failed("denseBackward", e, dZ, x, w, weightTarget, biasTarget);
        }
    }

    /**
     * {@link #denseBackward}, checked. By default, with an input gradient, {@link #doGemm}
     * into it and {@link #doActivationBackward} in place (skipped for {@code IDENTITY}), then
     * {@link #doColumnSums} and {@link #doGemm} for the bias and the weights; a backend
     * overrides it to fuse them.
     *
     * @param dZ the gradient with respect to the layer's pre-activation {@code [m, n]}
     * @param x the layer's input {@code [m, k]}
     * @param w the weights {@code [n, k]}
     * @param inputActivation the activation of the layer below
     * @param inputZ its pre-activation {@code [m, k]}
     * @param inputGradient the gradient with respect to {@code inputZ}, written; or null
     * @param weightAlpha the factor of {@code dZᵀ·X}
     * @param weightBeta the factor of the weight target's old value
     * @param weightTarget the weights' gradient or the weights {@code [n, k]}
     * @param biasAlpha the factor of the column sums of {@code dZ}
     * @param biasBeta the factor of the bias target's old value
     * @param biasTarget the bias's gradient or the bias {@code [n]}
     */
    protected void doDenseBackward(Tensor dZ, Tensor x, Tensor w, Activation inputActivation,
                                   Tensor inputZ, Tensor inputGradient, float weightAlpha,
                                   float weightBeta, Tensor weightTarget, float biasAlpha,
                                   float biasBeta, Tensor biasTarget) {
        if (inputGradient != null) {
            doGemm(false, false, 1f, dZ, w, 0f, inputGradient);
            if (inputActivation != Activation.IDENTITY) {
                doActivationBackward(inputActivation, inputZ, x, inputGradient, inputGradient);
            }
        }
        doColumnSums(biasAlpha, dZ, biasBeta, biasTarget);
        doGemm(true, false, weightAlpha, dZ, x, weightBeta, weightTarget);
    }

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

    /**
     * {@link #lossGradient}, checked.
     *
     * @param loss the loss
     * @param output the network's output {@code A} {@code [m, k]}
     * @param target the targets {@code Y}
     * @param grad the per-example gradient {@code [m, k]}, written
     */
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

    /**
     * {@link #accumulateLoss}, checked.
     *
     * @param loss the loss
     * @param output the network's output {@code [m, k]}
     * @param target the targets
     * @param total the running sum {@code [1]}, added to
     */
    protected abstract void doAccumulateLoss(Loss loss, Tensor output, Tensor target,
                                             Tensor total);

    @Override
    public final void lossGradientAndSum(Loss loss, Tensor output, Tensor target, Tensor grad,
                                         Tensor total) {
        checkOpen("lossGradientAndSum");
        OpChecks.lossGradient(this, loss, output, target, grad);
        OpChecks.accumulateLoss(this, loss, output, target, total);
        try {
            doLossGradientAndSum(loss, output, target, grad, total);
        } catch (RuntimeException e) {
            throw failed("lossGradientAndSum", e, output, target, grad, total);
        }
    }

    /**
     * {@link #lossGradientAndSum}, checked. By default {@link #doAccumulateLoss} then
     * {@link #doLossGradient} (the loss first, as {@code grad} may be {@code output}); a
     * backend overrides it to do both in one pass.
     *
     * @param loss the loss
     * @param output the network's output {@code [m, k]}
     * @param target the targets
     * @param grad the per-example gradient {@code [m, k]}, written
     * @param total the running sum {@code [1]}, added to
     */
    protected void doLossGradientAndSum(Loss loss, Tensor output, Tensor target, Tensor grad,
                                        Tensor total) {
        doAccumulateLoss(loss, output, target, total);
        doLossGradient(loss, output, target, grad);
    }

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

    /**
     * {@link #accumulateCorrect}, checked.
     *
     * @param output the network's output {@code [m, k]}
     * @param target the targets: {@code [m, k]} like {@code output}, or {@code [m, 1]} class
     *     indices (for {@code k = 1}, values compared at 0.5)
     * @param count the running count {@code [1]}, added to
     */
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

    /**
     * {@link #argmaxRows}, checked.
     *
     * @param m the matrix {@code [r, n]}
     * @param indices the column of each row's largest value {@code [r]}, written
     */
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

    /**
     * {@link #sgdUpdate}, checked.
     *
     * @param param the parameter, updated
     * @param grad its gradient
     * @param learningRate the step size
     * @param weightDecay the L2 factor, 0 for none
     */
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

    /**
     * {@link #momentumUpdate}, checked.
     *
     * @param param the parameter, updated
     * @param grad its gradient
     * @param velocity its velocity, updated
     * @param learningRate the step size
     * @param momentum the factor {@code μ} of the old velocity
     * @param nesterov whether to look one step ahead
     * @param weightDecay the L2 factor, 0 for none
     */
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

    /**
     * {@link #adamUpdate}, checked.
     *
     * @param param the parameter, updated
     * @param grad its gradient
     * @param m the first moment, updated
     * @param v the second moment, updated
     * @param learningRate the base step size
     * @param beta1 the decay rate {@code β1} of {@code m}
     * @param beta2 the decay rate {@code β2} of {@code v}
     * @param epsilon the {@code ε} of the denominator
     * @param weightDecay the L2 factor, 0 for none
     * @param step the step number {@code t}, from 1
     */
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

    /**
     * {@link #dropout}, checked.
     *
     * @param rate the probability of dropping an element
     * @param seed the mask's seed
     * @param x the input
     * @param mask the mask, written
     * @param y the output, written
     */
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

    /**
     * {@link #multiply}, checked.
     *
     * @param a the left factor
     * @param b the right factor
     * @param out the product, written
     */
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

    /**
     * {@link #fill}, checked.
     *
     * @param t the tensor written
     * @param value the value of every element
     */
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

    /**
     * {@link #copy}, checked.
     *
     * @param src the tensor read
     * @param dst the tensor written
     */
    protected abstract void doCopy(Tensor src, Tensor dst);
}
