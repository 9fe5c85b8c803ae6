package io.nn4j.backend.opencl;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.spi.DropoutMask;
import org.jocl.Pointer;

/**
 * The layer, loss and metric ops of {@code Backend} as kernel launches: elementwise ops ({@code elementwise.cl})
 * and the per-row, per-column, loss and reduction kernels ({@code rows.cl}, where every use of
 * a class index is). Each method queues its kernel and returns at once; arguments were checked
 * by {@code CheckedBackend}. A class index that names no column gives a NaN loss and gradient row
 * and counts as wrong; no kernel indexes outside a buffer for it.
 */
final class ClLayerOps {
    private static final String ELEMENTWISE = "elementwise.cl";
    private static final String ROWS = "rows.cl";

    private final ClLaunch launch;
    private final int localSize;
    private final int reduceSize;
    private final int matrixLocalCols;
    private final int matrixLocalRows;
    private final ClKernel fill;
    private final ClKernel multiply;
    private final ClKernel dropout;
    private final ClKernel biasActivation;
    private final ClKernel activationBackward;
    private final ClKernel lossGradient;
    private final ClKernel biasSoftmax;
    private final ClKernel softmaxBackward;
    private final ClKernel argmaxRows;
    private final ClKernel columnSums;
    private final ClKernel accumulateLoss;
    private final ClKernel accumulateCorrect;
    private final ClKernel gatherRows;
    private final ClKernel lossGradientSum;

    /** Builds both programs (if not yet built) and takes every kernel from them. */
    ClLayerOps(ClProgramCache programs, ClLaunch launch, ClLaunchSizes sizes) {
        this.launch = launch;
        this.localSize = sizes.localSize();
        this.reduceSize = sizes.reduceSize();
        this.matrixLocalCols = sizes.matrixLocalCols();
        this.matrixLocalRows = sizes.matrixLocalRows();
        this.fill = programs.kernel(ELEMENTWISE, "fill");
        this.multiply = programs.kernel(ELEMENTWISE, "multiply");
        this.dropout = programs.kernel(ELEMENTWISE, "dropout");
        this.biasActivation = programs.kernel(ELEMENTWISE, "bias_activation");
        this.activationBackward = programs.kernel(ELEMENTWISE, "activation_backward");
        this.lossGradient = programs.kernel(ROWS, "loss_gradient");
        this.biasSoftmax = programs.kernel(ROWS, "bias_softmax");
        this.softmaxBackward = programs.kernel(ROWS, "softmax_backward");
        this.argmaxRows = programs.kernel(ROWS, "argmax_rows");
        this.columnSums = programs.kernel(ROWS, "column_sums");
        this.accumulateLoss = programs.kernel(ROWS, "accumulate_loss");
        this.accumulateCorrect = programs.kernel(ROWS, "accumulate_correct");
        this.gatherRows = programs.kernel(ROWS, "gather_rows");
        this.lossGradientSum = programs.kernel(ROWS, "loss_gradient_sum");
    }

    /** {@code t = value}. */
    void fill(ClTensor t, float value) {
        int n = t.shape().size();
        launch.kernel(fill).mem(t.argument()).floats(value).ints(n).run1(n, localSize);
    }

    /** {@code out = a ∘ b}. */
    void multiply(ClTensor a, ClTensor b, ClTensor out) {
        int n = out.shape().size();
        launch.kernel(multiply).mem(a.argument()).mem(b.argument()).mem(out.argument()).ints(n)
                .run1(n, localSize);
    }

    /** Inverted dropout with {@link DropoutMask}'s mask: {@code mask}, {@code y = x ∘ mask}. */
    void dropout(float rate, long seed, ClTensor x, ClTensor mask, ClTensor y) {
        int n = x.shape().size();
        launch.kernel(dropout).mem(x.argument()).mem(mask.argument()).mem(y.argument()).ints((int) seed)
                .ints((int) (seed >>> 32)).floats(rate).floats(DropoutMask.scale(rate)).ints(n)
                .run1(n, localSize);
    }

    /** {@code Z += bias}, {@code A = f(Z)}. */
    void biasActivation(Activation f, ClTensor z, ClTensor bias, ClTensor a) {
        if (f == Activation.SOFTMAX) {
            softmaxRows(biasSoftmax, z, bias, a);
        } else {
            int rows = z.shape().rows();
            int cols = z.shape().cols();
            launch.kernel(biasActivation).mem(z.argument()).mem(bias.argument()).mem(a.argument())
                    .ints(rows).ints(cols).ints(ClApiConstants.code(f))
                    .run2(cols, matrixLocalCols, rows, matrixLocalRows);
        }
    }

    /**
     * Queues a softmax kernel of {@code rows.cl}, one work-item per row of {@code first}:
     * arguments {@code first}, {@code second}, {@code out}, then its rows and columns.
     */
    private void softmaxRows(ClKernel kernel, ClTensor first, ClTensor second, ClTensor out) {
        int rows = first.shape().rows();
        launch.kernel(kernel).mem(first.argument()).mem(second.argument()).mem(out.argument())
                .ints(rows).ints(first.shape().cols()).run1(rows, localSize);
    }

    /** {@code dZ = dA ∘ f'(Z)}, for softmax the row's Jacobian-vector product. */
    void activationBackward(Activation f, ClTensor z, ClTensor a, ClTensor dA, ClTensor dZ) {
        if (f == Activation.SOFTMAX) {
            softmaxRows(softmaxBackward, a, dA, dZ);
        } else {
            int n = z.shape().size();
            launch.kernel(activationBackward).mem(z.argument()).mem(a.argument()).mem(dA.argument())
                    .mem(dZ.argument()).ints(n).ints(ClApiConstants.code(f)).run1(n, localSize);
        }
    }

    /**
     * The per-example loss gradient: {@code 2 (A − Y) / K} for MSE, {@code (A − Y) / K} for
     * binary cross-entropy, {@code A − Y} for the softmax ones (Y one-hot from class indices
     * for the sparse loss).
     */
    void lossGradient(Loss loss, ClTensor output, ClTensor target, ClTensor grad) {
        int rows = output.shape().rows();
        int cols = output.shape().cols();
        float factor = (float) loss.gradientScale(cols);
        launch.kernel(lossGradient).mem(output.argument()).mem(target.argument()).mem(grad.argument())
                .ints(rows).ints(cols).floats(factor)
                .ints(loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY ? 1 : 0)
                .run2(cols, matrixLocalCols, rows, matrixLocalRows);
    }

    /**
     * {@link #lossGradient} and {@link #accumulateLoss} in one single-work-group launch, with
     * their formulas and order of addition; {@code grad} may be {@code output}.
     */
    void lossGradientAndSum(Loss loss, ClTensor output, ClTensor target, ClTensor grad,
                            ClTensor total) {
        int cols = output.shape().cols();
        launch.kernel(lossGradientSum).mem(output.argument()).mem(target.argument())
                .mem(grad.argument()).mem(total.argument()).ints(output.shape().rows())
                .ints(cols).ints(target.shape().cols()).ints(ClApiConstants.code(loss))
                .floats((float) loss.gradientScale(cols))
                .ints(loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY ? 1 : 0)
                .run1(reduceSize, reduceSize);
    }

    /** {@code out_j = alpha · Σ_i m_ij + beta · out_j}. */
    void columnSums(float alpha, ClTensor m, float beta, ClTensor out) {
        int cols = m.shape().cols();
        launch.kernel(columnSums).mem(m.argument()).mem(out.argument()).ints(m.shape().rows())
                .ints(cols).floats(alpha).floats(beta).run1(cols, localSize);
    }

    /** {@code total[0] +=} the summed per-example loss, reduced on the device. */
    void accumulateLoss(Loss loss, ClTensor output, ClTensor target, ClTensor total) {
        launch.kernel(accumulateLoss).mem(output.argument()).mem(target.argument()).mem(total.argument())
                .ints(output.shape().rows()).ints(output.shape().cols())
                .ints(target.shape().cols()).ints(ClApiConstants.code(loss)).run1(reduceSize, reduceSize);
    }

    /**
     * {@code count[0] +=} the rows classified correctly: argmax against the target's argmax or
     * class index, or for a single output both on the same side of 0.5.
     */
    void accumulateCorrect(ClTensor output, ClTensor target, ClTensor count) {
        launch.kernel(accumulateCorrect).mem(output.argument()).mem(target.argument()).mem(count.argument())
                .ints(output.shape().rows()).ints(output.shape().cols())
                .ints(target.shape().cols()).run1(reduceSize, reduceSize);
    }

    /**
     * A batch from a data set kept on the device ({@link ClKeptRows}): row {@code r} of
     * {@code x} and {@code y} are the feature and target rows of example
     * {@code order[from + r]}; features are bytes looked up in {@code palette}, or floats when
     * {@code palette} is null.
     */
    void gatherRows(Pointer features, Pointer palette, Pointer targets, Pointer order, int from,
                    ClTensor x, ClTensor y) {
        int rows = x.shape().rows();
        int featureCount = x.shape().cols();
        int targetCount = y.shape().cols();
        launch.kernel(gatherRows).mem(features).mem(palette == null ? features : palette)
                .ints(palette == null ? 0 : 1).mem(targets).mem(order).ints(from)
                .mem(x.argument()).mem(y.argument()).ints(rows).ints(featureCount)
                .ints(targetCount).run1(rows, 1);
    }

    /** {@code indices_i} = the column of row i's first largest element. */
    void argmaxRows(ClTensor m, ClTensor indices) {
        int rows = m.shape().rows();
        launch.kernel(argmaxRows).mem(m.argument()).mem(indices.argument()).ints(rows)
                .ints(m.shape().cols()).run1(rows, localSize);
    }
}
