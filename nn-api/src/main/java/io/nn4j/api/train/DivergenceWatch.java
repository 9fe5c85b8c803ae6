package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import java.util.Locale;

/**
 * Catches a diverging fit within {@link Trainer#DIVERGENCE_CHECK_EVERY} steps without a
 * host-device round trip per step, and puts the model back where it was last seen healthy.
 *
 * <p>The loss is summed on the backend into the trainer's epoch accumulator. After the first
 * step, every {@link Trainer#DIVERGENCE_CHECK_EVERY} steps and at every epoch's end the watch
 * reads that one number and looks at the window of steps since the last good check: its loss
 * must be finite, and (for a whole window) its mean no more than
 * {@link Trainer#DIVERGENCE_LOSS_FACTOR} times the larger of the first step's loss and the loss
 * of a model that knows nothing ({@link #uninformedLoss}). A window that passes is a good
 * check: the parameters and the optimizer's state are copied, on the backend, into a
 * {@link StateSnapshot} made once per fit. A window that fails restores that copy and the
 * optimizer's step count, then throws {@link TrainingDivergedException} naming the likely
 * cause: a non-finite value among the window's examples (found by replaying its batches on the
 * host), the model itself (a non-finite loss at the first step, before any update), or else
 * the step size.
 *
 * <p>Used by the thread that runs the fit; it holds backend tensors until closed.
 */
final class DivergenceWatch implements AutoCloseable {
    private final Backend backend;
    private final Tensor lossTotal;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Dataset train;
    private final int batchSize;
    private final int batchesPerEpoch;
    private final long seed;
    private final double uninformedLoss;
    private final StateSnapshot lastGood;
    private final float[] read = new float[1];
    private double startLoss = Double.NaN;
    private long step;
    private long lastGoodStep;
    private double windowLoss;
    private long windowExamples;
    private int windowEpoch;
    private int windowBatch;
    private double epochLossRead;

    /**
     * Watches a fit that starts at epoch {@code firstEpoch} and sums its loss into
     * {@code lossTotal}, reset to 0 at every epoch's start; copies the model's current state as
     * the first good check. {@code meanWeight} is the mean class weight of the training
     * examples (1 without class weights), the scale of an uninformed model's weighted loss.
     */
    DivergenceWatch(Tensor lossTotal, Sequential model, Optimizer optimizer, Loss loss,
                    Dataset train, int batchSize, long seed, int firstEpoch, double meanWeight) {
        this.backend = model.backend();
        this.lossTotal = lossTotal;
        this.loss = loss;
        this.optimizer = optimizer;
        this.train = train;
        this.batchSize = batchSize;
        this.batchesPerEpoch = (train.size() + batchSize - 1) / batchSize;
        this.seed = seed;
        this.uninformedLoss = meanWeight * uninformedLoss(loss, train, model.outputSize());
        this.lastGood = new StateSnapshot(model, optimizer);
        snapshot(firstEpoch, 0);
    }

    /**
     * The mean loss of a model that knows nothing: uniform probabilities under the
     * cross-entropies ({@code ln k}, or {@code ln 2} per sigmoid output), all zeros under mean
     * squared error (the mean of the squared targets). A fit that starts from a trained model
     * is held to this, not to its own small first loss.
     */
    static double uninformedLoss(Loss loss, Dataset data, int outputs) {
        return switch (loss) {
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> Math.log(outputs);
            case BINARY_CROSSENTROPY -> Math.log(2);
            case MEAN_SQUARED_ERROR -> {
                double squares = 0;
                for (float y : data.targets()) {
                    squares += (double) y * y;
                }
                yield squares / data.targets().length;
            }
        };
    }

    /**
     * Counts the step just queued ({@code batch} from 0, of {@code rows} examples) and checks
     * after the first step and every {@link Trainer#DIVERGENCE_CHECK_EVERY} steps.
     *
     * @throws TrainingDivergedException after restoring the last good check
     */
    void afterStep(int epoch, int batch, int rows) {
        step++;
        windowExamples += rows;
        if (step == 1 || step - lastGoodStep == Trainer.DIVERGENCE_CHECK_EVERY) {
            check(epoch, batch);
        }
    }

    /**
     * Reads the epoch's summed loss at its end ({@code batch} is its last, from 0) and checks
     * that it is finite.
     *
     * @return the epoch's summed loss
     * @throws TrainingDivergedException after restoring the last good check
     */
    double endOfEpoch(int epoch, int batch) {
        double total = readLossTotal();
        epochLossRead = 0;
        if (!Double.isFinite(windowLoss)) {
            throw nonFinite(epoch, batch);
        }
        return total;
    }

    private void check(int epoch, int batch) {
        readLossTotal();
        if (!Double.isFinite(windowLoss)) {
            throw nonFinite(epoch, batch);
        }
        double mean = windowLoss / windowExamples;
        if (step == 1) {
            startLoss = mean;
            return;
        }
        double reference = Math.max(startLoss, uninformedLoss);
        if (mean > Trainer.DIVERGENCE_LOSS_FACTOR * reference) {
            String window = window(epoch, batch);
            restore();
            throw new TrainingDivergedException(String.format(Locale.ROOT, "training diverged: "
                            + "the mean %s loss of %s is %.4g, more than %d times %.4g, the larger "
                            + "of the first step's loss (%.4g) and the loss of a model that knows "
                            + "nothing (%.4g). Likely cause: a step size that blew up: %s; try a "
                            + "smaller learning rate. %s", loss.id(), window, mean,
                    Trainer.DIVERGENCE_LOSS_FACTOR, reference, startLoss, uninformedLoss,
                    optimizer, restored()), TrainingDivergedException.LikelyCause.STEP_SIZE,
                    lastGoodStep);
        }
        snapshot(epoch, batch + 1);
    }

    /** Reads the accumulator and adds what it gained since the last read to the window. */
    private double readLossTotal() {
        backend.copyOut(lossTotal, read, 0);
        windowLoss += read[0] - epochLossRead;
        epochLossRead = read[0];
        return read[0];
    }

    private TrainingDivergedException nonFinite(int epoch, int batch) {
        String window = window(epoch, batch);
        String input = nonFiniteInput(epoch, batch);
        restore();
        String what = "training diverged: the " + loss.id() + " loss of " + window + " is "
                + windowLoss + ". Likely cause: ";
        if (input != null) {
            return new TrainingDivergedException(what + "non-finite input values: the training "
                    + "data's " + input + " (a data set made with Dataset.allowingNonFinite). "
                    + restored(), TrainingDivergedException.LikelyCause.NON_FINITE_INPUT,
                    lastGoodStep);
        }
        if (step == 1) {
            return new TrainingDivergedException(what + "the model itself: its loss on finite "
                    + "inputs was not finite before any update (are its weights finite?). "
                    + restored(), TrainingDivergedException.LikelyCause.MODEL, lastGoodStep);
        }
        return new TrainingDivergedException(String.format(Locale.ROOT, "%sa step size that blew "
                        + "up, as the inputs of those steps are finite (the loss was %.4g at the "
                        + "first step): %s; try a smaller learning rate. %s", what, startLoss,
                optimizer, restored()), TrainingDivergedException.LikelyCause.STEP_SIZE,
                lastGoodStep);
    }

    /** The first non-finite value among the window's examples, replaying its batch order. */
    private String nonFiniteInput(int epoch, int batch) {
        int[] order = new int[train.size()];
        for (int e = windowEpoch; e <= epoch; e++) {
            EpochOrder.fill(order, seed, e);
            int from = e == windowEpoch ? windowBatch * batchSize : 0;
            int to = e == epoch ? Math.min(train.size(), (batch + 1) * batchSize) : train.size();
            String found = train.describeNonFinite(order, from, to - from);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private String window(int epoch, int batch) {
        return "steps " + (lastGoodStep + 1) + " to " + step + " of this fit (epoch "
                + windowEpoch + " batch " + (windowBatch + 1) + " to epoch " + epoch + " batch "
                + (batch + 1) + ")";
    }

    private String restored() {
        return "The model and the optimizer are back as they were after step " + lastGoodStep
                + (lastGoodStep == 0 ? " (the fit's start)" : ", the last good check") + ".";
    }

    /** Copies the current state as the last good check; the next step starts a new window. */
    private void snapshot(int epoch, int nextBatch) {
        lastGood.take();
        lastGoodStep = step;
        windowLoss = 0;
        windowExamples = 0;
        windowEpoch = nextBatch == batchesPerEpoch ? epoch + 1 : epoch;
        windowBatch = nextBatch == batchesPerEpoch ? 0 : nextBatch;
    }

    private void restore() {
        lastGood.restore();
    }

    /** Frees the copies. */
    @Override
    public void close() {
        lastGood.close();
    }
}
