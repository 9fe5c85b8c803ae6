package io.nn4j.api.spi;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.Objects;

/**
 * The argument checks of every {@link Backend} op, shared so that all backends reject bad input
 * with the same message: the op, the argument, its shape and what was expected.
 *
 * <p>{@link CheckedBackend} calls the matching check first thing in each op; after it passes,
 * the backend's own code may assume its arguments are open tensors of its own with consistent
 * shapes.
 *
 * <p>Stateless: safe to call from any thread.
 */
final class OpChecks {

    private OpChecks() {
    }

    /** Checks {@code gemm}: ownership, {@code op(A)·op(B)} fits {@code C}, no aliasing. */
    static void gemm(Backend backend, boolean transposeA, boolean transposeB, Tensor a,
                            Tensor b, Tensor c) {
        owned(backend, "gemm", "A", a);
        owned(backend, "gemm", "B", b);
        owned(backend, "gemm", "C", c);
        int m = transposeA ? a.shape().cols() : a.shape().rows();
        int k = transposeA ? a.shape().rows() : a.shape().cols();
        int kb = transposeB ? b.shape().cols() : b.shape().rows();
        int n = transposeB ? b.shape().rows() : b.shape().cols();
        if (k != kb) {
            throw new IllegalArgumentException(String.format(
                    "gemm: op(A) is [%d, %d] (A %s%s) but op(B) is [%d, %d] (B %s%s); "
                            + "expected op(A)'s columns to equal op(B)'s rows",
                    m, k, a.shape(), transposeA ? " transposed" : "", kb, n, b.shape(),
                    transposeB ? " transposed" : ""));
        }
        if (c.shape().rows() != m || c.shape().cols() != n) {
            throw new IllegalArgumentException(String.format(
                    "gemm: C is %s; expected [%d, %d] for op(A) [%d, %d] times op(B) [%d, %d]",
                    c.shape(), m, n, m, k, k, n));
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("gemm: C must not be the same tensor as "
                    + (c == a ? "A" : "B"));
        }
    }

    /** Checks {@code biasActivation}: {@code Z}, {@code A} {@code [m, n]}, bias {@code [n]}. */
    static void biasActivation(Backend backend, Activation f, Tensor z, Tensor bias,
                                      Tensor a) {
        String op = "biasActivation";
        Objects.requireNonNull(f, "activation");
        owned(backend, op, f, "Z", z);
        owned(backend, op, f, "bias", bias);
        owned(backend, op, f, "A", a);
        sameShape(op, f, "Z", z, "A", a);
        vectorOf(op, f, "bias", bias, z.shape().cols(), "Z's columns");
        if (a == z) {
            throw new IllegalArgumentException(label(op, f) + ": A must not be the same tensor as Z");
        }
    }

    /**
     * Checks {@code denseForward}: {@code X} {@code [m, k]}, {@code W} {@code [n, k]}, bias
     * {@code [n]}, {@code Z} and {@code A} {@code [m, n]}, distinct.
     */
    static void denseForward(Backend backend, Activation f, Tensor x, Tensor w, Tensor bias,
                             Tensor z, Tensor a) {
        String op = "denseForward";
        Objects.requireNonNull(f, "activation");
        owned(backend, op, f, "X", x);
        owned(backend, op, f, "W", w);
        owned(backend, op, f, "bias", bias);
        owned(backend, op, f, "Z", z);
        owned(backend, op, f, "A", a);
        int m = x.shape().rows();
        int n = w.shape().rows();
        matrixOf(op, f, "W", w, n, x.shape().cols(), "X's columns");
        matrixOf(op, f, "Z", z, m, n, "X's rows by W's rows");
        sameShape(op, f, "Z", z, "A", a);
        vectorOf(op, f, "bias", bias, n, "W's rows");
        if (a == z || z == x || z == w || a == x || a == w) {
            throw new IllegalArgumentException(label(op, f)
                    + ": Z and A must be distinct from each other, X and W");
        }
    }

    /**
     * Checks {@code denseBackward}: {@code dZ} {@code [m, n]}, {@code X} {@code [m, k]},
     * {@code W} and the weight target {@code [n, k]}, the bias target {@code [n]}; with an
     * input gradient, it and {@code inputZ} {@code [m, k]}, the gradient distinct from all.
     */
    static void denseBackward(Backend backend, Tensor dZ, Tensor x, Tensor w,
                              Activation inputActivation, Tensor inputZ, Tensor inputGradient,
                              Tensor weightTarget, Tensor biasTarget) {
        String op = "denseBackward";
        owned(backend, op, "dZ", dZ);
        owned(backend, op, "X", x);
        owned(backend, op, "W", w);
        owned(backend, op, "weightTarget", weightTarget);
        owned(backend, op, "biasTarget", biasTarget);
        int m = dZ.shape().rows();
        int n = dZ.shape().cols();
        int k = x.shape().cols();
        matrixOf(op, null, "X", x, m, k, "dZ's rows");
        matrixOf(op, null, "W", w, n, k, "dZ's columns by X's columns");
        matrixOf(op, null, "weightTarget", weightTarget, n, k, "like W");
        vectorOf(op, "biasTarget", biasTarget, n, "dZ's columns");
        if (weightTarget == dZ || weightTarget == x) {
            throw new IllegalArgumentException(op + ": weightTarget must not be dZ or X");
        }
        if (inputGradient == null) {
            return;
        }
        Objects.requireNonNull(inputActivation, "inputActivation");
        owned(backend, op, "inputZ", inputZ);
        owned(backend, op, "inputGradient", inputGradient);
        matrixOf(op, null, "inputZ", inputZ, m, k, "like X");
        matrixOf(op, null, "inputGradient", inputGradient, m, k, "like X");
        if (inputGradient == dZ || inputGradient == x || inputGradient == w
                || inputGradient == inputZ || inputGradient == weightTarget
                || inputGradient == biasTarget) {
            throw new IllegalArgumentException(op
                    + ": inputGradient must be distinct from every other tensor");
        }
    }

    /** Checks {@code activationBackward}: four tensors of one shape. */
    static void activationBackward(Backend backend, Activation f, Tensor z, Tensor a,
                                          Tensor dA, Tensor dZ) {
        String op = "activationBackward";
        Objects.requireNonNull(f, "activation");
        owned(backend, op, f, "Z", z);
        owned(backend, op, f, "A", a);
        owned(backend, op, f, "dA", dA);
        owned(backend, op, f, "dZ", dZ);
        sameShape(op, f, "Z", z, "A", a);
        sameShape(op, f, "Z", z, "dA", dA);
        sameShape(op, f, "Z", z, "dZ", dZ);
    }

    /** Checks {@code columnSums}: {@code out} is a vector as long as {@code m} is wide. */
    static void columnSums(Backend backend, Tensor m, Tensor out) {
        owned(backend, "columnSums", "m", m);
        owned(backend, "columnSums", "out", out);
        vectorOf("columnSums", "out", out, m.shape().cols(), "m's columns");
    }

    /** Checks {@code lossGradient}: output, target and gradient of one shape. */
    static void lossGradient(Backend backend, Loss loss, Tensor output, Tensor target,
                                    Tensor grad) {
        String op = "lossGradient";
        Objects.requireNonNull(loss, "loss");
        owned(backend, op, loss, "output", output);
        owned(backend, op, loss, "target", target);
        owned(backend, op, loss, "grad", grad);
        targetOf(op, loss, output, target);
        sameShape(op, loss, "output", output, "grad", grad);
    }

    /** Checks {@code accumulateLoss}: output and target of one shape, a {@code [1]} total. */
    static void accumulateLoss(Backend backend, Loss loss, Tensor output, Tensor target,
                                      Tensor total) {
        String op = "accumulateLoss";
        Objects.requireNonNull(loss, "loss");
        owned(backend, op, loss, "output", output);
        owned(backend, op, loss, "target", target);
        owned(backend, op, loss, "total", total);
        targetOf(op, loss, output, target);
        vectorOf(op, loss, "total", total, 1, "a single accumulator");
    }

    /** Checks {@code accumulateCorrect}: output and target of one shape, a {@code [1]} count. */
    static void accumulateCorrect(Backend backend, Tensor output, Tensor target,
                                         Tensor count) {
        owned(backend, "accumulateCorrect", "output", output);
        owned(backend, "accumulateCorrect", "target", target);
        owned(backend, "accumulateCorrect", "count", count);
        int rows = output.shape().rows();
        int cols = output.shape().cols();
        if (target.shape().rows() != rows
                || (target.shape().cols() != cols && target.shape().cols() != 1)) {
            throw new IllegalArgumentException("accumulateCorrect: target is " + target.shape()
                    + "; expected [" + rows + ", " + cols + "] (scores) or [" + rows
                    + ", 1] (class indices) for output " + output.shape());
        }
        vectorOf("accumulateCorrect", "count", count, 1, "a single accumulator");
    }

    /** Checks {@code argmaxRows}: one index per row of {@code m}. */
    static void argmaxRows(Backend backend, Tensor m, Tensor indices) {
        owned(backend, "argmaxRows", "m", m);
        owned(backend, "argmaxRows", "indices", indices);
        vectorOf("argmaxRows", "indices", indices, m.shape().rows(), "m's rows");
    }

    /**
     * Checks a stateless optimizer update: the parameter and its gradient share one shape and
     * the learning rate is finite.
     */
    static void update(Backend backend, String op, float learningRate, Tensor param,
                              Tensor grad) {
        owned(backend, op, "param", param);
        owned(backend, op, "grad", grad);
        sameShape(op, "param", param, "grad", grad);
        if (!Float.isFinite(learningRate)) {
            throw new IllegalArgumentException(op + ": learning rate is " + learningRate
                    + "; expected a finite number");
        }
    }

    /** Checks an update with one state tensor ({@code state0}) of the parameter's shape. */
    static void update(Backend backend, String op, float learningRate, Tensor param,
                              Tensor grad, Tensor state0) {
        update(backend, op, learningRate, param, grad);
        owned(backend, op, "state0", state0);
        sameShape(op, "param", param, "state0", state0);
    }

    /** Checks an update with two state tensors ({@code state0}, {@code state1}). */
    static void update(Backend backend, String op, float learningRate, Tensor param,
                              Tensor grad, Tensor state0, Tensor state1) {
        update(backend, op, learningRate, param, grad, state0);
        owned(backend, op, "state1", state1);
        sameShape(op, "param", param, "state1", state1);
    }

    /** Checks {@code dropout}: three tensors of one shape and a rate in {@code [0, 1)}. */
    static void dropout(Backend backend, float rate, Tensor x, Tensor mask, Tensor y) {
        owned(backend, "dropout", "x", x);
        owned(backend, "dropout", "mask", mask);
        owned(backend, "dropout", "y", y);
        sameShape("dropout", "x", x, "mask", mask);
        sameShape("dropout", "x", x, "y", y);
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout: rate is " + rate + "; expected [0, 1)");
        }
    }

    /** Checks {@code multiply}: three tensors of one shape. */
    static void multiply(Backend backend, Tensor a, Tensor b, Tensor out) {
        owned(backend, "multiply", "a", a);
        owned(backend, "multiply", "b", b);
        owned(backend, "multiply", "out", out);
        sameShape("multiply", "a", a, "b", b);
        sameShape("multiply", "a", a, "out", out);
    }

    /** Checks {@code copy}: same number of elements. */
    static void copy(Backend backend, Tensor src, Tensor dst) {
        owned(backend, "copy", "src", src);
        owned(backend, "copy", "dst", dst);
        if (src.shape().size() != dst.shape().size()) {
            throw new IllegalArgumentException("copy: src is " + src.shape() + " and dst is "
                    + dst.shape() + "; expected the same number of elements");
        }
    }

    /** Checks {@code copyIn}: {@code src} holds {@code dst}'s size from {@code offset} on. */
    static void copyIn(Backend backend, float[] src, int offset, Tensor dst) {
        Objects.requireNonNull(src, "copyIn: src");
        owned(backend, "copyIn", "dst", dst);
        arrayRange("copyIn", "src", src, offset, dst.shape());
    }

    /**
     * Checks {@code copyInRows}: {@code rows[from …]} holds {@code dst}'s rows, each naming a
     * whole row of {@code src}.
     */
    static void copyInRows(Backend backend, float[] src, int[] rows, int from, Tensor dst) {
        Objects.requireNonNull(src, "copyInRows: src");
        Objects.requireNonNull(rows, "copyInRows: rows");
        owned(backend, "copyInRows", "dst", dst);
        int m = dst.shape().rows();
        int width = dst.shape().cols();
        if (from < 0 || (long) from + m > rows.length) {
            throw new IllegalArgumentException("copyInRows: rows has " + rows.length
                    + " indices; expected at least " + ((long) from + m) + " to fill " + m
                    + " rows of dst " + dst.shape() + " from index " + from);
        }
        int available = src.length / width;
        for (int i = from; i < from + m; i++) {
            if (rows[i] < 0 || rows[i] >= available) {
                throw new IllegalArgumentException("copyInRows: rows[" + i + "] is " + rows[i]
                        + "; expected a row of src in [0, " + available + ") (rows of " + width
                        + " values)");
            }
        }
    }

    /**
     * Checks {@code keepRows}: both arrays hold whole rows, as many of each, at least one.
     *
     * @return the number of rows
     */
    static int keepRows(float[] features, int featureCount, float[] targets, int targetCount) {
        Objects.requireNonNull(features, "keepRows: features");
        Objects.requireNonNull(targets, "keepRows: targets");
        return wholeRows(features.length, "features", featureCount, targets.length, targetCount);
    }

    /**
     * Checks that {@code features} values named {@code what} and {@code targets} values hold
     * the same number of whole rows of {@code featureCount} and {@code targetCount}, at least
     * one, for {@code keepRows}.
     *
     * @return the number of rows
     */
    private static int wholeRows(int features, String what, int featureCount, int targets,
                                 int targetCount) {
        if (featureCount < 1 || targetCount < 1) {
            throw new IllegalArgumentException("keepRows: " + featureCount + " features and "
                    + targetCount + " targets per example; expected at least 1 of each");
        }
        if (features % featureCount != 0 || targets % targetCount != 0
                || features / featureCount != targets / targetCount || features == 0) {
            throw new IllegalArgumentException("keepRows: " + features + " " + what
                    + " in rows of " + featureCount + " and " + targets + " targets in rows of "
                    + targetCount + "; expected the same number of whole rows, at least one");
        }
        return features / featureCount;
    }

    /**
     * Checks {@code keepRows} of coded features: both arrays hold whole rows, as many of each,
     * at least one; the palette holds 1 to 256 values and every code indexes it.
     *
     * @return the number of rows
     */
    static int keepRows(byte[] codes, float[] palette, int featureCount, float[] targets,
                        int targetCount) {
        Objects.requireNonNull(codes, "keepRows: codes");
        Objects.requireNonNull(palette, "keepRows: palette");
        Objects.requireNonNull(targets, "keepRows: targets");
        int rows = wholeRows(codes.length, "feature codes", featureCount, targets.length,
                targetCount);
        if (palette.length < 1 || palette.length > 256) {
            throw new IllegalArgumentException("keepRows: the palette holds " + palette.length
                    + " values; expected 1 to 256");
        }
        if (palette.length < 256) {
            for (int i = 0; i < codes.length; i++) {
                if ((codes[i] & 0xFF) >= palette.length) {
                    throw new IllegalArgumentException("keepRows: codes[" + i + "] is "
                            + (codes[i] & 0xFF) + "; expected an index into the palette of "
                            + palette.length + " values");
                }
            }
        }
        return rows;
    }

    /** Checks {@code copyOut}: {@code dst} has room for {@code src} from {@code offset} on. */
    static void copyOut(Backend backend, Tensor src, float[] dst, int offset) {
        Objects.requireNonNull(dst, "copyOut: dst");
        owned(backend, "copyOut", "src", src);
        arrayRange("copyOut", "dst", dst, offset, src.shape());
    }

    /** Checks {@code fromArray}: the array holds exactly the shape's elements. */
    static void fromArray(float[] data, Shape shape) {
        Objects.requireNonNull(data, "fromArray: data");
        Objects.requireNonNull(shape, "fromArray: shape");
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("fromArray: data has " + data.length
                    + " elements; expected " + shape.size() + " for shape " + shape);
        }
    }

    /**
     * Checks that {@code t} is an open tensor made by {@code backend}.
     *
     * @throws IllegalArgumentException for null or a tensor of another backend
     * @throws IllegalStateException    for a closed tensor
     */
    static void owned(Backend backend, String op, String argument, Tensor t) {
        owned(backend, op, null, argument, t);
    }

    /** {@link #owned(Backend, String, String, Tensor)} for an op named with a detail. */
    private static void owned(Backend backend, String op, Enum<?> detail, String argument,
                              Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(label(op, detail) + ": " + argument + " is null");
        }
        if (t.backend() != backend) {
            throw new IllegalArgumentException(label(op, detail) + ": " + argument + " "
                    + t.shape() + " belongs to backend '" + t.backend().name()
                    + "'; expected a tensor of '" + backend.name()
                    + "' (move data between backends with toArray/fromArray)");
        }
        if (t.isClosed()) {
            throw new IllegalStateException(label(op, detail) + ": " + argument + " " + t.shape()
                    + " has been closed");
        }
    }

    private static void sameShape(String op, String firstName, Tensor first, String secondName,
                                  Tensor second) {
        sameShape(op, null, firstName, first, secondName, second);
    }

    private static void sameShape(String op, Enum<?> detail, String firstName, Tensor first,
                                  String secondName, Tensor second) {
        if (!sameDims(first, second)) {
            throw new IllegalArgumentException(label(op, detail) + ": " + secondName + " is "
                    + second.shape() + "; expected " + first.shape() + " like " + firstName);
        }
    }

    private static boolean sameDims(Tensor first, Tensor second) {
        Shape a = first.shape();
        Shape b = second.shape();
        return a.rows() == b.rows() && a.cols() == b.cols();
    }

    private static void targetOf(String op, Loss loss, Tensor output, Tensor target) {
        int rows = output.shape().rows();
        int cols = loss.targetColumns(output.shape().cols());
        if (target.shape().rows() != rows || target.shape().cols() != cols) {
            throw new IllegalArgumentException(label(op, loss) + ": target is " + target.shape()
                    + "; expected [" + rows + ", " + cols + "] for output " + output.shape()
                    + (loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY ? " (one class index per row)"
                    : ""));
        }
    }

    private static void matrixOf(String op, Enum<?> detail, String name, Tensor t, int rows,
                                 int cols, String what) {
        if (t.shape().rank() != 2 || t.shape().rows() != rows || t.shape().cols() != cols) {
            throw new IllegalArgumentException(label(op, detail) + ": " + name + " is "
                    + t.shape() + "; expected [" + rows + ", " + cols + "] (" + what + ")");
        }
    }

    private static void vectorOf(String op, String name, Tensor t, int length, String what) {
        vectorOf(op, null, name, t, length, what);
    }

    private static void vectorOf(String op, Enum<?> detail, String name, Tensor t, int length,
                                 String what) {
        if (t.shape().rows() != 1 || t.shape().cols() != length) {
            throw new IllegalArgumentException(label(op, detail) + ": " + name + " is "
                    + t.shape() + "; expected [" + length + "] (" + what + ")");
        }
    }

    /**
     * The op's name in messages, e.g. {@code biasActivation(relu)}: built only when a check
     * fails, so that checks that pass allocate nothing.
     */
    private static String label(String op, Enum<?> detail) {
        if (detail instanceof Activation activation) {
            return op + "(" + activation.id() + ")";
        }
        if (detail instanceof Loss loss) {
            return op + "(" + loss.id() + ")";
        }
        return op;
    }

    private static void arrayRange(String op, String name, float[] array, int offset, Shape shape) {
        if (offset < 0 || (long) offset + shape.size() > array.length) {
            throw new IllegalArgumentException(op + ": " + name + " has " + array.length
                    + " elements; expected at least " + ((long) offset + shape.size())
                    + " to hold " + shape + " from offset " + offset);
        }
    }


}
