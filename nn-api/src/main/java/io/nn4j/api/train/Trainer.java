package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.metrics.ClassificationMetrics;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The mini-batch training loop: every epoch draws a fresh shuffle of the training set, trains
 * batch by batch (forward, loss gradient, backward, optimizer step), then evaluates on the test
 * set, if there is one.
 *
 * <p>Shuffling happens on the host, each epoch's order drawn from the seed and the epoch number,
 * so the same seed gives the same batch order on every backend and after a resume. The epoch's
 * loss is summed on the backend: a training step copies in only its batch and labels and never
 * waits for the device.
 *
 * <p>Bad data is refused before any training: the data sets' shapes and targets must fit the
 * model and the loss (a class index in range, probabilities in {@code [0, 1]} and so on; see
 * {@link #fit(Sequential, Dataset, Dataset)}). Divergence is caught while training: after the
 * first step and every {@link #DIVERGENCE_CHECK_EVERY} steps the summed loss is read (one
 * number) and the window since the last check must have a finite loss no more than
 * {@link #DIVERGENCE_LOSS_FACTOR} times where training started; otherwise the model and the
 * optimizer are put back as they were at the last good check and a
 * {@link TrainingDivergedException} names the likely cause. Keeping that copy costs as much
 * backend memory again as the parameters and the optimizer's state.
 *
 * <p>Data sets are given raw. A model that carries scalers ({@link Sequential#preprocessing()})
 * trains and is evaluated on scaled copies made on the host once per fit (and per
 * evaluation): every loss reported is in the scaled units, the loss that is minimized.
 *
 * <p>With a checkpoint directory, the state after every epoch is written there
 * ({@link io.nn4j.api.io.Checkpoint}), and {@link #fit} resumes from the latest one it finds.
 *
 * <p>A trainer's settings never change, but its optimizer does: a trainer trains one model at a
 * time, on the thread that calls {@link #fit}, and is not safe to use from several threads at
 * once. {@code fit} holds the model for its thread from start to end
 * ({@link Sequential#beginTraining}), so another thread's training or prediction of that model
 * is refused meanwhile. The static {@link #evaluate} runs through predictions, which threads may
 * share. Each batch is trained by a {@link TrainingStep}.
 */
public final class Trainer {
    /**
     * Training steps between two divergence checks, each of which reads the summed loss from
     * the backend once: divergence is caught within this many steps of its start.
     */
    public static final int DIVERGENCE_CHECK_EVERY = 100;

    /**
     * How far above where training started the mean loss of a window of
     * {@link #DIVERGENCE_CHECK_EVERY} steps may rise before training counts as diverged: this
     * factor times the larger of the first step's loss and the loss of a model that knows
     * nothing ({@code ln k} for {@code k} classes, {@code ln 2} per sigmoid output, the mean
     * squared target under mean squared error). A blown-up step size drives a cross-entropy to
     * confidently wrong answers, which the log clamp keeps finite (up to 16 an example); normal
     * training stays far below (figures in {@code docs/architecture.md}).
     */
    public static final int DIVERGENCE_LOSS_FACTOR = 2;

    private final Loss loss;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final List<TrainingListener> listeners;
    private final CheckpointFolder checkpoints;
    private final int runningLossEvery;

    private Trainer(Builder builder) {
        this.loss = Objects.requireNonNull(builder.loss, "loss");
        this.optimizer = Objects.requireNonNull(builder.optimizer, "optimizer");
        this.batchSize = builder.batchSize;
        this.epochs = builder.epochs;
        this.seed = builder.seed;
        this.listeners = List.copyOf(builder.listeners);
        this.checkpoints = new CheckpointFolder(builder.checkpoints);
        this.runningLossEvery = builder.runningLossEvery;
    }

    /**
     * A builder; loss and optimizer are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code model} on {@code train} for the configured epochs without a test set: every
     * {@link EpochStats#testLoss()} and {@link EpochStats#testAccuracy()} is NaN.
     *
     * @param model the network to train, on any backend
     * @param train the training examples
     * @return the statistics of every epoch
     * @throws IllegalArgumentException   when the data does not fit the model or the loss
     * @throws TrainingDivergedException  when the loss becomes NaN, infinite, or explodes
     * @throws IllegalStateException      when another thread trains the model
     */
    public List<EpochStats> fit(Sequential model, Dataset train) {
        return run(model, train, null);
    }

    /**
     * Trains {@code model} on {@code train} for the configured epochs, evaluating on
     * {@code test} after each. Before any training, both data sets must have the model's input
     * width and the loss's target width, and their targets must suit the loss for the model's
     * {@code k} outputs: class indices that are integers in {@code [0, k)} for sparse
     * categorical cross-entropy; values in {@code [0, 1]} with each row summing to 1 (within
     * 1e-3: one-hot rows or soft labels) for categorical cross-entropy, whose fused gradient
     * {@code A − Y} assumes it; values in {@code [0, 1]} for binary cross-entropy; finite values
     * for mean squared error.
     *
     * @param model the network to train, on any backend
     * @param train the training examples
     * @param test the examples evaluated after each epoch
     * @return the statistics of every epoch
     * @throws IllegalArgumentException   when the data does not fit the model or the loss,
     *                                    naming the data set, row, column and value
     * @throws TrainingDivergedException  when the training loss becomes NaN, infinite, or
     *                                    explodes; the model is then as at the last good check
     * @throws IllegalStateException      when the test loss after an epoch is NaN or infinite
     *                                    (no checkpoint is written for that epoch), or when
     *                                    another thread trains the model
     */
    public List<EpochStats> fit(Sequential model, Dataset train, Dataset test) {
        Objects.requireNonNull(test, "test (use fit(model, train) to train without a test set)");
        return run(model, train, test);
    }

    /** Holds the model for this thread (its training use) while {@link #train} runs. */
    private List<EpochStats> run(Sequential model, Dataset train, Dataset test) {
        model.beginTraining();
        try {
            return train(model, train, test);
        } finally {
            model.endTraining();
        }
    }

    private List<EpochStats> train(Sequential model, Dataset train, Dataset test) {
        try (TrainingStep step = new TrainingStep(model, optimizer, loss, train, batchSize)) {
            if (test != null) {
                checkFits(model, test, loss, "test");
            }
            List<EpochStats> history = new ArrayList<>(checkpoints.resume(model, optimizer));
            trainEpochs(model, step, train, test, history);
            return history;
        }
    }

    /** Trains the epochs after those in {@code history}, adding each one's statistics to it. */
    private void trainEpochs(Sequential model, TrainingStep step, Dataset train, Dataset test,
                             List<EpochStats> history) {
        Backend backend = model.backend();
        int[] order = new int[train.size()];
        float[] lossSoFar = new float[1];
        int batches = step.batches();
        try (Tensor lossTotal = backend.zeros(Shape.vector(1));
             DivergenceWatch watch = new DivergenceWatch(lossTotal, model, optimizer, loss,
                     step.data(), batchSize, seed, history.size() + 1)) {
            for (int epoch = history.size() + 1; epoch <= epochs; epoch++) {
                EpochOrder.fill(order, seed, epoch);
                optimizer.startEpoch(epoch - 1);
                backend.fill(lossTotal, 0f);
                long start = System.nanoTime();
                for (int batch = 0; batch < batches; batch++) {
                    step.run(order, batch, lossTotal);
                    watch.afterStep(epoch, batch, step.rows(batch));
                    for (int i = 0; i < listeners.size(); i++) {
                        listeners.get(i).onBatchEnd(epoch, batch + 1, batches);
                    }
                    if (runningLossEvery > 0 && (batch + 1) % runningLossEvery == 0) {
                        backend.copyOut(lossTotal, lossSoFar, 0);
                        double mean = lossSoFar[0] / (double) Math.min(train.size(),
                                (batch + 1) * batchSize);
                        for (int i = 0; i < listeners.size(); i++) {
                            listeners.get(i).onRunningLoss(epoch, batch + 1, mean);
                        }
                    }
                }
                double trainLoss = watch.endOfEpoch(epoch, batches - 1) / train.size();
                double seconds = (System.nanoTime() - start) / 1e9;
                EpochStats stats = test == null
                        ? new EpochStats(epoch, trainLoss, Double.NaN, Double.NaN, seconds,
                                train.size() / seconds)
                        : testedStats(model, test, epoch, trainLoss, seconds, train.size());
                history.add(stats);
                checkpoints.save(history, model, optimizer);
                for (TrainingListener listener : listeners) {
                    listener.onEpochEnd(stats);
                }
            }
        }
    }

    /** The epoch's statistics with the test set evaluated; a non-finite test loss throws. */
    private EpochStats testedStats(Sequential model, Dataset test, int epoch, double trainLoss,
                                   double seconds, int examples) {
        Evaluation evaluation = measure(model, test, loss, batchSize);
        if (!Double.isFinite(evaluation.loss())) {
            throw new IllegalStateException("the mean " + loss.id() + " loss on the test set "
                    + "after epoch " + epoch + " is " + evaluation.loss() + " while the training "
                    + "loss was " + trainLoss + ": the model's outputs on the test data are "
                    + "not finite (weights that overflow on it, or non-finite test inputs in a "
                    + "data set made with Dataset.allowingNonFinite); no checkpoint was written "
                    + "for this epoch");
        }
        return new EpochStats(epoch, trainLoss, evaluation.loss(), evaluation.accuracy(),
                seconds, examples / seconds);
    }

    /**
     * The mean loss of {@code model} on {@code data} and the metrics that fit the task, with
     * the top-{@value ClassificationMetrics#DEFAULT_TOP_K} accuracy for a classifier: see
     * {@link #evaluate(Sequential, Dataset, Loss, int, int)}.
     *
     * @param model the network, on any backend
     * @param data the examples evaluated
     * @param loss the loss measured; it also says the task
     * @param batchSize examples per forward pass, at least 1
     * @return the mean loss and the task's metrics
     * @throws IllegalArgumentException when the data does not fit the model or the loss (see
     *                                  {@link #fit(Sequential, Dataset, Dataset)}), naming the
     *                                  row, column and value
     */
    public static Evaluation evaluate(Sequential model, Dataset data, Loss loss, int batchSize) {
        return evaluate(model, data, loss, batchSize, ClassificationMetrics.DEFAULT_TOP_K);
    }

    /**
     * The mean loss of {@code model} on {@code data} and the metrics that fit the task, which
     * the loss says: {@link Loss#MEAN_SQUARED_ERROR} is regression, and the evaluation holds
     * its MSE, RMSE, MAE and R² and no accuracy (NaN); the cross-entropies are classification,
     * and it holds the accuracy, the confusion matrix with per-class precision, recall and F1,
     * and the top-{@code topK} accuracy ({@link ClassificationMetrics}). A single sigmoid
     * output is a binary decision at 0.5 between classes 0 and 1; several outputs under binary
     * cross-entropy are classified like a softmax's, by their largest output against the
     * largest target (no per-label metrics).
     *
     * <p>Runs in batches of {@code batchSize} through
     * {@link Sequential#predictScaled(Tensor, Tensor)}, summing the loss on the backend and
     * copying each batch's outputs into one host array for the metrics: safe from many threads
     * at once, as predictions are. {@code data} is raw; a model with scalers is measured on a
     * scaled copy, so its loss is in the scaled units that {@link #fit} minimizes and reports,
     * while the regression metrics are in the targets' own units (the outputs mapped back by
     * the target scaler).
     *
     * @param model the network, on any backend
     * @param data the examples evaluated
     * @param loss the loss measured; it also says the task
     * @param batchSize examples per forward pass, at least 1
     * @param topK the {@code k} of a classifier's top-k accuracy, at least 1
     * @return the mean loss and the task's metrics
     * @throws IllegalArgumentException when the data does not fit the model or the loss (see
     *                                  {@link #fit(Sequential, Dataset, Dataset)}), naming the
     *                                  row, column and value, or for a batch size or
     *                                  {@code topK} below 1
     */
    public static Evaluation evaluate(Sequential model, Dataset data, Loss loss, int batchSize,
                                      int topK) {
        if (batchSize < 1 || topK < 1) {
            throw new IllegalArgumentException("evaluate needs a batch size and top-k of at "
                    + "least 1, got " + batchSize + " and " + topK);
        }
        checkFits(model, data, loss, "evaluation");
        return EvaluationPass.withMetrics(model, data, loss, batchSize, topK);
    }

    /**
     * {@link #evaluate}'s loss and accuracy on data already checked, both summed on the
     * backend; the accuracy is NaN for regression.
     */
    private static Evaluation measure(Sequential model, Dataset data, Loss loss, int batchSize) {
        return EvaluationPass.onBackend(model, data, loss, batchSize);
    }

    /** The shapes, then the targets ({@link TargetCheck}), of {@code data} for the model and loss. */
    static void checkFits(Sequential model, Dataset data, Loss loss, String role) {
        int targets = loss.targetColumns(model.outputSize());
        if (data.featureCount() != model.inputSize() || data.targetCount() != targets) {
            throw new IllegalArgumentException("the " + role + " data has " + data.featureCount()
                    + " features and " + data.targetCount() + " targets per example; the model "
                    + "with loss " + loss.id() + " expects " + model.inputSize() + " and "
                    + targets);
        }
        TargetCheck.check(data, loss, model.outputSize(), role);
    }

    /** Collects a trainer's settings. */
    public static final class Builder {
        private Loss loss;
        private Optimizer optimizer;
        private int batchSize = 32;
        private int epochs = 1;
        private long seed = 1;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Path checkpoints;
        private int runningLossEvery;

        private Builder() {
        }

        /**
         * The loss to minimize (required).
         *
         * @param loss the loss
         * @return this builder
         */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * The optimizer that applies the gradients (required).
         *
         * @param optimizer the optimizer
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Examples per training step; default 32.
         *
         * @param batchSize examples per step, at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Passes over the training set; default 1.
         *
         * @param epochs the number of epochs, at least 1
         * @return this builder
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Seed of the per-epoch shuffles (each epoch's order comes from it and the epoch); default
         *     1.
         *
         * @param seed the shuffle seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Writes a checkpoint to {@code directory} after every epoch (keeping the latest), and
         * resumes from the latest one there when training starts.
         *
         * @param directory the checkpoint folder, made when missing
         * @return this builder
         */
        public Builder checkpoints(Path directory) {
            this.checkpoints = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Reads the epoch's loss so far every {@code batches} training steps and passes its mean
         * to {@link TrainingListener#onRunningLoss}; 0 (the default) never does. Each read waits
         * for the backend to finish the steps queued so far.
         *
         * @param batches the interval in training steps, or 0 for never
         * @return this builder
         */
        public Builder runningLossEvery(int batches) {
            if (batches < 0) {
                throw new IllegalArgumentException("runningLossEvery must be >= 0, got " + batches);
            }
            this.runningLossEvery = batches;
            return this;
        }

        /**
         * Adds a listener for progress.
         *
         * @param listener the listener, called on the training thread
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The trainer.
         *
         * @return a trainer with this configuration
         */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
