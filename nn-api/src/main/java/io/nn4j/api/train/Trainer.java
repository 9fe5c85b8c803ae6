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
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

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
 * <p>Training control: a validation set (held out by {@link Builder#validationSplit} or given in
 * a {@link Split}) is measured after every epoch and watched by {@link EarlyStopping} and
 * {@link ReduceLrOnPlateau}; a listener may end a fit cleanly through its
 * {@link TrainingControl}; {@link Builder#classWeights} weights imbalanced classes. The trainer
 * keeps each model's epoch count (weakly, per model object), so a second {@code fit} of the same
 * model goes on where the first ended: the shuffle, the schedule and the plateau continue.
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

    final Loss loss;
    final Optimizer optimizer;
    final int batchSize;
    final int epochs;
    final long seed;
    final List<TrainingListener> listeners;
    final CheckpointFolder checkpoints;
    final int runningLossEvery;
    final EarlyStopping earlyStopping;
    final ReduceLrOnPlateau plateau;
    private final double validationSplit;
    private final float[] classWeights;
    /** Each model's epochs so far under this trainer: where its next fit goes on. */
    private final Map<Sequential, List<EpochStats>> histories = new WeakHashMap<>();

    private Trainer(Builder builder) {
        this.loss = Objects.requireNonNull(builder.loss, "loss");
        this.optimizer = Objects.requireNonNull(builder.optimizer, "optimizer");
        this.batchSize = builder.batchSize;
        this.epochs = builder.epochs;
        this.seed = builder.seed;
        this.listeners = List.copyOf(builder.listeners);
        this.checkpoints = new CheckpointFolder(builder.checkpoints);
        this.runningLossEvery = builder.runningLossEvery;
        this.earlyStopping = builder.earlyStopping;
        this.plateau = builder.plateau;
        this.validationSplit = builder.validationSplit;
        this.classWeights = builder.classWeights;
        if (classWeights != null) {
            ClassWeights.checkLoss(loss);
        }
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
     * {@link EpochStats#testLoss()} and {@link EpochStats#testAccuracy()} is NaN. With a
     * {@link Builder#validationSplit validation split}, part of {@code train} is held out as the
     * validation set.
     *
     * @param model the network to train, on any backend
     * @param train the training examples
     * @return the statistics of every epoch of {@code model} under this trainer, earlier
     *     calls' included
     * @throws IllegalArgumentException   when the data does not fit the model or the loss
     * @throws TrainingDivergedException  when the loss becomes NaN, infinite, or explodes
     * @throws IllegalStateException      when another thread trains the model
     */
    public List<EpochStats> fit(Sequential model, Dataset train) {
        return run(model, train, null, null);
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
     * <p>The test set is only measured and reported ({@link EpochStats#testLoss()}), never used
     * for a decision: early stopping and a plateau schedule watch the validation set, held out
     * of {@code train} by a {@link Builder#validationSplit validation split} or given by
     * {@link #fit(Sequential, Split)}.
     *
     * <p>Epochs continue across the calls of one trainer on one model: a call trains
     * {@link Builder#epochs} more epochs, numbered on from the last call's (so the shuffle and
     * the learning-rate schedule go on: two calls of one epoch train as one call of two, bit
     * for bit), and returns the history of every epoch so far. A trainer's first call for a
     * model resumes from its checkpoint folder, if it has one, and then trains up to
     * {@code epochs} epochs in all, counting the checkpoint's.
     *
     * @param model the network to train, on any backend
     * @param train the training examples
     * @param test the examples evaluated after each epoch
     * @return the statistics of every epoch of {@code model} under this trainer, earlier
     *     calls' included; it ends early when early stopping or a listener stopped the fit
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
        return run(model, train, null, test);
    }

    /**
     * Trains {@code model} on the split's training set, watching its validation set (when it
     * has one) and reporting its test set after every epoch, as
     * {@link #fit(Sequential, Dataset, Dataset)} does.
     *
     * @param model the network to train, on any backend
     * @param split the training, validation and test sets
     * @return the statistics of every epoch of {@code model} under this trainer, earlier
     *     calls' included
     * @throws IllegalArgumentException   when the data does not fit the model or the loss, or
     *                                    when the split has a validation set and the trainer a
     *                                    validation split too
     * @throws TrainingDivergedException  when the training loss becomes NaN, infinite, or
     *                                    explodes
     * @throws IllegalStateException      when the validation or test loss after an epoch is NaN
     *                                    or infinite, or when another thread trains the model
     */
    public List<EpochStats> fit(Sequential model, Split split) {
        return run(model, split.train(), split.validation().orElse(null), split.test());
    }

    /**
     * The statistics of every epoch {@code model} has trained under this trainer so far (a
     * resumed checkpoint's included): where its next {@code fit} goes on.
     *
     * @param model the model
     * @return the epochs so far, in order; empty when this trainer has not trained it
     */
    public List<EpochStats> history(Sequential model) {
        return histories.getOrDefault(model, List.of());
    }

    /** Holds the model for this thread (its training use) while {@link #train} runs. */
    private List<EpochStats> run(Sequential model, Dataset train, Dataset validation,
                                 Dataset test) {
        model.beginTraining();
        try {
            return train(model, train, validation, test);
        } finally {
            model.endTraining();
        }
    }

    private List<EpochStats> train(Sequential model, Dataset train, Dataset validation,
                                   Dataset test) {
        if (validationSplit > 0) {
            if (validation != null) {
                throw new IllegalArgumentException("the split passed to fit has a validation "
                        + "set and the trainer a validationSplit of " + validationSplit
                        + "; expected one of them");
            }
            checkFits(model, train, loss, "training");
            Split heldOut = holdOut(train);
            train = heldOut.train();
            validation = heldOut.test();
        }
        if (earlyStopping != null) {
            earlyStopping.monitor().checkAvailable(validation != null, "early stopping");
        }
        if (plateau != null) {
            plateau.monitor().checkAvailable(validation != null, "reduce-on-plateau");
        }
        try (TrainingStep step = new TrainingStep(model, optimizer, loss, train, batchSize,
                classWeights)) {
            if (validation != null) {
                checkFits(model, validation, loss, "validation");
            }
            if (test != null) {
                checkFits(model, test, loss, "test");
            }
            List<EpochStats> earlier = histories.get(model);
            List<EpochStats> history = new ArrayList<>(earlier != null ? earlier
                    : checkpoints.resume(model, optimizer));
            int last = earlier != null ? earlier.size() + epochs : epochs;
            try {
                new EpochLoop(this, model, step, train, validation, test).run(history, last);
            } finally {
                histories.put(model, List.copyOf(history));
            }
            return history;
        }
    }

    /**
     * The validation split of {@code train}: stratified by class when the loss classifies and
     * the targets name classes (sparse indices, one-hot rows, or 0/1), else random; drawn from
     * the trainer's seed, so every fit of the same data holds out the same rows.
     */
    private Split holdOut(Dataset train) {
        if (loss != Loss.MEAN_SQUARED_ERROR && namesClasses(train)) {
            return Split.stratified(train, seed, validationSplit);
        }
        return Split.random(train, seed, validationSplit);
    }

    private static boolean namesClasses(Dataset data) {
        try {
            data.classIndices();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
    static Evaluation measure(Sequential model, Dataset data, Loss loss, int batchSize) {
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
        private double validationSplit;
        private float[] classWeights;
        private EarlyStopping earlyStopping;
        private ReduceLrOnPlateau plateau;

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
         * Holds out {@code fraction} of the training rows given to {@code fit} as the validation
         * set, measured after every epoch ({@link EpochStats#validationLoss()}) and watched by
         * early stopping and a plateau schedule; the model trains on the rest. The rows are
         * drawn by {@link Split} from the trainer's seed: stratified by class when the loss is
         * a cross-entropy and the targets name classes (sparse indices, one-hot rows, 0/1),
         * random otherwise (mean squared error, soft labels); the same data gives the same
         * rows on every call. Default 0: none.
         *
         * @param fraction the share of the training rows held out, in {@code [0, 1)}
         * @return this builder
         * @throws IllegalArgumentException for a fraction outside {@code [0, 1)}
         */
        public Builder validationSplit(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("validationSplit must be in [0, 1), got "
                        + fraction);
            }
            this.validationSplit = fraction;
            return this;
        }

        /**
         * Weights each training example's loss and gradient by the weight of its class, for
         * imbalanced data (Keras' {@code class_weight}): the class index of a sparse target,
         * the column of a categorical target row's largest value. The training loss reported
         * is the mean weighted loss; validation and test losses are unweighted. Only for the
         * softmax cross-entropies ({@link Loss#CATEGORICAL_CROSSENTROPY},
         * {@link Loss#SPARSE_CATEGORICAL_CROSSENTROPY}), checked by {@link #build()}; the
         * count must equal the model's outputs, checked by {@code fit}. Weights of 1 train
         * exactly as no weights; without weights a step does no extra work.
         *
         * @param weights one weight per class, each finite and {@code >= 0}, not all 0; copied
         * @return this builder
         * @throws IllegalArgumentException for fewer than 2 weights, a negative, NaN or
         *                                  infinite weight, or weights that are all 0
         */
        public Builder classWeights(float... weights) {
            this.classWeights = ClassWeights.check(Objects.requireNonNull(weights, "weights"));
            return this;
        }

        /**
         * Ends a fit early once the watched figure stops improving (see
         * {@link EarlyStopping}); none by default.
         *
         * @param earlyStopping the early stopping
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = Objects.requireNonNull(earlyStopping, "earlyStopping");
            return this;
        }

        /**
         * Lowers the learning rate when the watched figure stops improving, on top of the
         * optimizer's schedule (see {@link ReduceLrOnPlateau}); none by default.
         *
         * @param plateau the plateau schedule
         * @return this builder
         */
        public Builder reduceLrOnPlateau(ReduceLrOnPlateau plateau) {
            this.plateau = Objects.requireNonNull(plateau, "plateau");
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
         * @throws NullPointerException     when the loss or the optimizer is missing
         * @throws IllegalArgumentException when class weights are set for a loss other than
         *                                  the softmax cross-entropies
         */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
