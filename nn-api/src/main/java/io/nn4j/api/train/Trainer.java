package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.nn.BuffersByBatchSize;
import io.nn4j.api.nn.InPlaceSgd;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mini-batch training loop: every epoch draws a fresh shuffle of the training set, trains
 * batch by batch (forward, loss gradient, backward, optimizer step), then evaluates on the test
 * set.
 *
 * <p>Shuffling happens on the host, each epoch's order drawn from the seed and the epoch number,
 * so the same seed gives the same batch order on every backend and after a resume. The epoch's
 * loss is summed on the backend and read once per epoch: a training step copies in only its
 * batch and labels and never waits for the device.
 *
 * <p>With a checkpoint directory, the state after every epoch is written there
 * ({@link Checkpoint}), and {@link #fit} resumes from the latest checkpoint it finds.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final long EPOCH_STRIDE = 0x9E3779B97F4A7C15L;

    private final Loss loss;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final List<TrainingListener> listeners;
    private final Path checkpoints;
    private final int runningLossEvery;

    private Trainer(Builder builder) {
        this.loss = Objects.requireNonNull(builder.loss, "loss");
        this.optimizer = Objects.requireNonNull(builder.optimizer, "optimizer");
        this.batchSize = builder.batchSize;
        this.epochs = builder.epochs;
        this.seed = builder.seed;
        this.listeners = List.copyOf(builder.listeners);
        this.checkpoints = builder.checkpoints;
        this.runningLossEvery = builder.runningLossEvery;
    }

    /** A builder; loss and optimizer are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code model} on {@code train} for the configured epochs, evaluating on
     * {@code test} after each.
     *
     * @return the statistics of every epoch
     * @throws IllegalArgumentException when the data does not fit the model or loss
     * @throws IllegalStateException    when the loss becomes NaN or infinite
     */
    public List<EpochStats> fit(Sequential model, Dataset train, Dataset test) {
        model.checkLoss(loss);
        checkFits(model, train, loss, "training");
        checkFits(model, test, loss, "test");
        Backend backend = model.backend();
        List<EpochStats> history = new ArrayList<>(resume(model));
        int[] order = new int[train.size()];
        float[] lossSoFar = new float[1];
        try (BatchStager stager = new BatchStager(backend, train, model.outputSize());
             Tensor lossTotal = backend.zeros(Shape.vector(1))) {
            int batches = (train.size() + batchSize - 1) / batchSize;
            for (int epoch = history.size() + 1; epoch <= epochs; epoch++) {
                shuffle(order, new Random(seed + epoch * EPOCH_STRIDE));
                optimizer.startEpoch(epoch - 1);
                backend.fill(lossTotal, 0f);
                long start = System.nanoTime();
                for (int batch = 0; batch < batches; batch++) {
                    int from = batch * batchSize;
                    Batch b = stager.stage(order, from, Math.min(batchSize, train.size() - from));
                    Tensor output = step(model, optimizer, loss, b.features, b.targets,
                            b.gradient);
                    backend.accumulateLoss(loss, output, b.targets, lossTotal);
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
                double trainLoss = backend.toArray(lossTotal)[0] / (double) train.size();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!Double.isFinite(trainLoss)) {
                    throw new IllegalStateException("training diverged: the mean " + loss.id()
                            + " loss of epoch " + epoch + " is " + trainLoss + " (optimizer "
                            + optimizer + "); try a smaller learning rate");
                }
                Evaluation evaluation = evaluate(model, test, loss, batchSize);
                EpochStats stats = new EpochStats(epoch, trainLoss, evaluation.loss(),
                        evaluation.accuracy(), seconds, train.size() / seconds);
                history.add(stats);
                saveCheckpoint(history, model);
                for (TrainingListener listener : listeners) {
                    listener.onEpochEnd(stats);
                }
            }
        }
        return history;
    }

    /**
     * One training step on a staged batch: forward, the loss gradient into
     * {@code lossGradient} (shaped like the output), back-propagation and the optimizer's
     * update. Plain SGD is applied by the layers as they back-propagate
     * ({@link Optimizer#beginInPlaceStep}); other optimizers update from the gradients after.
     *
     * @return the network's output for the batch, valid until its next forward pass
     */
    public static Tensor step(Sequential model, Optimizer optimizer, Loss loss, Tensor features,
                              Tensor targets, Tensor lossGradient) {
        Tensor output = model.forward(features, true);
        model.backend().lossGradient(loss, output, targets, lossGradient);
        InPlaceSgd inPlace = optimizer.beginInPlaceStep();
        if (inPlace != null) {
            model.backwardAndUpdate(lossGradient, loss, inPlace);
        } else {
            model.backward(lossGradient, loss);
            optimizer.step(model.parameters());
        }
        return output;
    }

    private List<EpochStats> resume(Sequential model) {
        if (checkpoints == null) {
            return List.of();
        }
        try {
            Optional<Path> latest = Checkpoint.latest(checkpoints);
            if (latest.isEmpty()) {
                return List.of();
            }
            Checkpoint.Restored restored = Checkpoint.restore(latest.get(), model, optimizer);
            LOG.info("Resuming after epoch {} from {}", restored.epoch(), latest.get());
            return restored.history();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + checkpoints + ": "
                    + e.getMessage(), e);
        }
    }

    private void saveCheckpoint(List<EpochStats> history, Sequential model) {
        if (checkpoints == null) {
            return;
        }
        try {
            Files.createDirectories(checkpoints);
            Checkpoint.write(Checkpoint.fileFor(checkpoints, history.size()), history, model,
                    optimizer);
            Files.deleteIfExists(Checkpoint.fileFor(checkpoints, history.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint to " + checkpoints + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Mean loss and accuracy of {@code model} on {@code data}, run in batches of
     * {@code batchSize} without training.
     */
    public static Evaluation evaluate(Sequential model, Dataset data, Loss loss, int batchSize) {
        checkFits(model, data, loss, "evaluation");
        Backend backend = model.backend();
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        try (BatchStager stager = new BatchStager(backend, data, model.outputSize());
             Tensor lossTotal = backend.zeros(Shape.vector(1));
             Tensor correct = backend.zeros(Shape.vector(1))) {
            for (int from = 0; from < data.size(); from += batchSize) {
                Batch b = stager.stage(order, from, Math.min(batchSize, data.size() - from));
                Tensor output = model.forward(b.features, false);
                backend.accumulateLoss(loss, output, b.targets, lossTotal);
                backend.accumulateCorrect(output, b.targets, correct);
            }
            return new Evaluation(backend.toArray(lossTotal)[0] / (double) data.size(),
                    backend.toArray(correct)[0] / (double) data.size(), data.size());
        }
    }

    private static void checkFits(Sequential model, Dataset data, Loss loss, String role) {
        int targets = loss.targetColumns(model.outputSize());
        if (data.featureCount() != model.inputSize() || data.targetCount() != targets) {
            throw new IllegalArgumentException("the " + role + " data has " + data.featureCount()
                    + " features and " + data.targetCount() + " targets per example; the model "
                    + "with loss " + loss.id() + " expects " + model.inputSize() + " and "
                    + targets);
        }
    }

    /** Writes a fresh Fisher-Yates shuffle of {@code 0 … n−1} into {@code order}. */
    private static void shuffle(int[] order, Random random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** The backend tensors of one batch size. */
    private static final class Batch implements AutoCloseable {
        final Tensor features;
        final Tensor targets;
        final Tensor gradient;

        Batch(Backend backend, int rows, int featureCount, int targetCount, int outputs) {
            features = backend.zeros(Shape.matrix(rows, featureCount));
            targets = backend.zeros(Shape.matrix(rows, targetCount));
            gradient = backend.zeros(Shape.matrix(rows, outputs));
        }

        @Override
        public void close() {
            features.close();
            targets.close();
            gradient.close();
        }
    }

    /** Copies shuffled rows of a data set straight into backend tensors kept per batch size. */
    private static final class BatchStager implements AutoCloseable {
        private final Backend backend;
        private final Dataset data;
        private final BuffersByBatchSize<Batch> batches;

        BatchStager(Backend backend, Dataset data, int outputs) {
            this.backend = backend;
            this.data = data;
            this.batches = new BuffersByBatchSize<>(
                    n -> new Batch(backend, n, data.featureCount(), data.targetCount(), outputs));
        }

        Batch stage(int[] order, int from, int rows) {
            Batch batch = batches.get(rows);
            backend.copyInRows(data.features(), order, from, batch.features);
            backend.copyInRows(data.targets(), order, from, batch.targets);
            return batch;
        }

        @Override
        public void close() {
            batches.close();
        }
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

        /** The loss to minimize (required). */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** The optimizer that applies the gradients (required). */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Examples per training step; default 32. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Passes over the training set; default 1. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Seed of the per-epoch shuffles (each epoch's order comes from it and the epoch); default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Writes a checkpoint to {@code directory} after every epoch (keeping the latest), and
         * resumes from the latest one there when training starts.
         */
        public Builder checkpoints(Path directory) {
            this.checkpoints = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Reads the epoch's loss so far every {@code batches} training steps and passes its mean
         * to {@link TrainingListener#onRunningLoss}; 0 (the default) never does. Each read waits
         * for the backend to finish the steps queued so far.
         */
        public Builder runningLossEvery(int batches) {
            if (batches < 0) {
                throw new IllegalArgumentException("runningLossEvery must be >= 0, got " + batches);
            }
            this.runningLossEvery = batches;
            return this;
        }

        /** Adds a listener for progress. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The trainer. */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
