package io.nn4j.backend.cpu;

import io.nn4j.api.Backend;
import io.nn4j.api.Tensor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A correct backend with one deliberate bug, to prove that the conformance kit notices: every
 * call goes to the real backend, then the chosen {@link Fault} corrupts the result of its op.
 */
final class FaultyBackend implements InvocationHandler {

    /** The bug to plant. */
    enum Fault {
        /** {@code gemm} writes its last output element 1% (+0.01) off. */
        GEMM_ONE_ELEMENT("gemm", 6, null, -1, 0.01f),
        /** {@code gemm} ignores {@code transposeA} whenever {@code A} is square. */
        GEMM_IGNORES_TRANSPOSE_A("gemm", -1, null, -1, 0),
        /**
         * {@code activationBackward} writes the last element of {@code dZ} 1% (+0.01) off, and
         * so does {@code denseBackward}, where that {@code dZ} is the input gradient.
         */
        ACTIVATION_BACKWARD_ONE_ELEMENT("activationBackward", 4, "denseBackward", 5, 0.01f),
        /**
         * {@code lossGradient} writes the last element of its gradient 5% (+0.05) off: in the
         * gradient check that element reaches a weight gradient divided by the batch size of 5,
         * where a 1% error sits at the tolerance for some draws. So does
         * {@code lossGradientAndSum}, the training step's.
         */
        LOSS_GRADIENT_ONE_ELEMENT("lossGradient", 3, "lossGradientAndSum", 3, 0.05f);

        private final String op;
        private final int corruptedArgument;
        private final String fusedOp;
        private final int fusedArgument;
        private final float error;

        Fault(String op, int corruptedArgument, String fusedOp, int fusedArgument, float error) {
            this.op = op;
            this.corruptedArgument = corruptedArgument;
            this.fusedOp = fusedOp;
            this.fusedArgument = fusedArgument;
            this.error = error;
        }

        /** The argument of {@code method} this fault corrupts, or -1. */
        int corrupted(String method) {
            if (method.equals(op)) {
                return corruptedArgument;
            }
            return method.equals(fusedOp) ? fusedArgument : -1;
        }
    }

    private final Backend delegate;
    private final Fault fault;

    private FaultyBackend(Backend delegate, Fault fault) {
        this.delegate = delegate;
        this.fault = fault;
    }

    /** {@code delegate} with {@code fault} planted; closing it closes {@code delegate}. */
    static Backend wrap(Backend delegate, Fault fault) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(),
                new Class<?>[] {Backend.class}, new FaultyBackend(delegate, fault));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        boolean faulty = method.getName().equals(fault.op);
        if (faulty && fault == Fault.GEMM_IGNORES_TRANSPOSE_A) {
            Tensor a = (Tensor) args[3];
            if (a.shape().rows() == a.shape().cols()) {
                args[0] = false;
            }
        }
        Object result;
        try {
            result = method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        int corrupted = fault.corrupted(method.getName());
        if (corrupted >= 0 && args[corrupted] != null) {
            corruptLastElement((Tensor) args[corrupted]);
        }
        return result;
    }

    private void corruptLastElement(Tensor t) {
        float[] data = delegate.toArray(t);
        int last = data.length - 1;
        data[last] = data[last] * (1 + fault.error) + fault.error;
        delegate.copyIn(data, 0, t);
    }
}
