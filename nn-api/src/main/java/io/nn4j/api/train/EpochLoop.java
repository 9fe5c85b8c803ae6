package io.nn4j.api.train;

import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epochs of one {@link Trainer#fit} call: each epoch's shuffle and learning rate (schedule
 * and plateau, from the epoch number and the history), its training steps under the divergence
 * watch, the validation and test sets measured, the checkpoint written, early stopping and the
 * listeners heard; a stop they ask for ends the loop after the epoch.
 *
 * <p>Made per call and used by the training thread only.
 *
 * @param trainer the settings of the fit call
 * @param model the model trained
 * @param step the training step that runs each batch of {@code train}
 * @param train the training set
 * @param validation the validation set, or null
 * @param test the test set, or null
 */
record EpochLoop(Trainer trainer, Sequential model, TrainingStep step, Dataset train,
                 Dataset validation, Dataset test) {
    private static final Logger LOG = LoggerFactory.getLogger(EpochLoop.class);

    /**
     * Trains the epochs after those in {@code history} up to epoch {@code last}, adding each
     * one's statistics to it, unless a stop is asked for first.
     */
    void run(List<EpochStats> history, int last) {
        Backend backend = model.backend();
        Optimizer optimizer = trainer.optimizer;
        List<TrainingListener> listeners = trainer.listeners;
        int[] order = new int[train.size()];
        float[] lossSoFar = new float[1];
        int batches = step.batches();
        TrainingControl control = new TrainingControl();
        try (Tensor lossTotal = backend.zeros(Shape.vector(1));
             DivergenceWatch watch = new DivergenceWatch(lossTotal, model, optimizer,
                     trainer.loss, train, trainer.batchSize, trainer.seed, history.size() + 1,
                     step.meanWeight());
             EarlyStopping.Watch stopping = trainer.earlyStopping == null ? null
                     : trainer.earlyStopping.watch(model, optimizer)) {
            for (int epoch = history.size() + 1; epoch <= last && !control.stopRequested();
                 epoch++) {
                EpochOrder.fill(order, trainer.seed, epoch);
                startEpoch(optimizer, epoch, history);
                backend.fill(lossTotal, 0f);
                long start = System.nanoTime();
                for (int batch = 0; batch < batches; batch++) {
                    step.run(order, batch, lossTotal);
                    watch.afterStep(epoch, batch, step.rows(batch));
                    for (int i = 0; i < listeners.size(); i++) {
                        listeners.get(i).onBatchEnd(epoch, batch + 1, batches);
                    }
                    if (trainer.runningLossEvery > 0
                            && (batch + 1) % trainer.runningLossEvery == 0) {
                        backend.copyOut(lossTotal, lossSoFar, 0);
                        double mean = lossSoFar[0] / (double) Math.min(train.size(),
                                (batch + 1) * trainer.batchSize);
                        for (int i = 0; i < listeners.size(); i++) {
                            listeners.get(i).onRunningLoss(epoch, batch + 1, mean);
                        }
                    }
                }
                double trainLoss = watch.endOfEpoch(epoch, batches - 1) / train.size();
                double seconds = (System.nanoTime() - start) / 1e9;
                EpochStats stats = stats(epoch, trainLoss, seconds, optimizer.learningRate());
                history.add(stats);
                String stop = stopping == null ? null : stopping.afterEpoch(stats);
                trainer.checkpoints.save(history, model, optimizer);
                if (stop != null) {
                    control.requestStop(stop);
                }
                for (TrainingListener listener : listeners) {
                    listener.onEpochEnd(stats, control);
                }
            }
        }
        if (control.stopRequested()) {
            LOG.info("Stopped after epoch {}: {}", history.size(), control.stopReason());
        }
    }

    /** Sets the epoch's learning rate: the schedule's, reduced by the plateau's history. */
    private void startEpoch(Optimizer optimizer, int epoch, List<EpochStats> history) {
        ReduceLrOnPlateau plateau = trainer.plateau;
        if (plateau == null) {
            optimizer.startEpoch(epoch - 1);
        } else {
            optimizer.startEpoch(epoch - 1, plateau.factorAfter(history),
                    plateau.minLearningRate());
        }
    }

    /** The epoch's statistics with the validation and test sets measured, where there are. */
    private EpochStats stats(int epoch, double trainLoss, double seconds, float learningRate) {
        Evaluation validated = validation == null ? null
                : measured(validation, "validation", epoch, trainLoss);
        Evaluation tested = test == null ? null : measured(test, "test", epoch, trainLoss);
        return new EpochStats(epoch, trainLoss,
                tested == null ? Double.NaN : tested.loss(),
                tested == null ? Double.NaN : tested.accuracy(),
                seconds, train.size() / seconds,
                validated == null ? Double.NaN : validated.loss(),
                validated == null ? Double.NaN : validated.accuracy(),
                learningRate);
    }

    /** The model measured on {@code data}; a non-finite loss throws naming the set. */
    private Evaluation measured(Dataset data, String role, int epoch, double trainLoss) {
        Loss loss = trainer.loss;
        Evaluation evaluation = Trainer.measure(model, data, loss, trainer.batchSize);
        if (!Double.isFinite(evaluation.loss())) {
            throw new IllegalStateException("the mean " + loss.id() + " loss on the " + role
                    + " set after epoch " + epoch + " is " + evaluation.loss() + " while the "
                    + "training loss was " + trainLoss + ": the model's outputs on the " + role
                    + " data are not finite (weights that overflow on it, or non-finite " + role
                    + " inputs in a data set made with Dataset.allowingNonFinite); no checkpoint "
                    + "was written for this epoch");
        }
        return evaluation;
    }
}
