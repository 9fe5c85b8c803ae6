package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * What the training commands share: the backend (chosen by timing for {@code --backend auto}),
 * the model and its optimizer, and the training loop with progress and per-epoch lines. Closing
 * it frees all three.
 */
final class TrainingRun implements AutoCloseable {
    private final Backend backend;
    private final Sequential model;
    private final Optimizer optimizer;
    private final TrainingOptions training;

    private TrainingRun(Backend backend, Sequential model, Optimizer optimizer,
                        TrainingOptions training) {
        this.backend = backend;
        this.model = model;
        this.optimizer = optimizer;
        this.training = training;
    }

    /**
     * Opens the backend the options name and builds the model on it from the training seed.
     * {@code train} supplies the batches that {@code --backend auto} times.
     */
    static TrainingRun open(CommandLine command, FitOptions options, Architecture architecture,
                            Loss loss, Dataset train, PrintWriter out) {
        TrainingOptions training = options.training();
        Backend backend = options.backend().isAuto()
                ? AutoBackend.fastest(architecture, training.seed(), loss,
                        () -> options.optimizer().create(training.epochs()), train,
                        training.batchSize(), out)
                : options.backend().open(command);
        return on(backend, options, architecture);
    }

    /**
     * Builds the model on {@code backend}, which the run owns from here on (it is closed if the
     * model cannot be built), from the training seed.
     */
    static TrainingRun on(Backend backend, FitOptions options, Architecture architecture) {
        TrainingOptions training = options.training();
        try {
            Sequential model = architecture.build(backend, training.seed());
            return new TrainingRun(backend, model, options.optimizer().create(training.epochs()),
                    training);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** The backend everything runs on. */
    Backend backend() {
        return backend;
    }

    /** The model being trained. */
    Sequential model() {
        return model;
    }

    /** The optimizer, for its description. */
    Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains on {@code train}, evaluating on {@code test} after every epoch, with progress on
     * {@code out}; with a {@code checkpoints} directory, writes a checkpoint after every epoch
     * and resumes from the latest one there.
     *
     * @return every epoch's statistics, resumed ones included
     */
    List<EpochStats> fit(Dataset train, Dataset test, Loss loss, Path checkpoints,
                         PrintWriter out) {
        return fit(train, test, loss, checkpoints, out, trainer -> { });
    }

    /**
     * As {@link #fit(Dataset, Dataset, Loss, Path, PrintWriter)}, with
     * {@code control} adding its settings to the trainer before it is built (a validation
     * split, early stopping).
     */
    List<EpochStats> fit(Dataset train, Dataset test, Loss loss, Path checkpoints,
                         PrintWriter out, Consumer<Trainer.Builder> control) {
        try (ProgressListener progress = new ProgressListener(out, training.epochs(),
                train.size(), training.batchSize(), training.progressBar())) {
            Trainer.Builder trainer = Trainer.builder()
                    .loss(loss)
                    .optimizer(optimizer)
                    .batchSize(training.batchSize())
                    .epochs(training.epochs())
                    .seed(training.seed())
                    .runningLossEvery(ProgressListener.lossInterval(train.size(),
                            training.batchSize()))
                    .listener(progress)
                    .listener(new EpochReporter(out, training.epochs()));
            if (checkpoints != null) {
                trainer.checkpoints(checkpoints);
            }
            control.accept(trainer);
            return trainer.build().fit(model, train, test);
        }
    }

    /** Frees the optimizer's state, then the model, then the backend. */
    @Override
    public void close() {
        try {
            optimizer.close();
            model.close();
        } finally {
            backend.close();
        }
    }
}
