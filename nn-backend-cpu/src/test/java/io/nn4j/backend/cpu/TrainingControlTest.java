package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.testkit.Blobs;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.EarlyStopping;
import io.nn4j.api.train.LearningRateSchedule;
import io.nn4j.api.train.Monitor;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.ReduceLrOnPlateau;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Split;
import io.nn4j.api.train.Trainer;
import io.nn4j.api.train.TrainingControl;
import io.nn4j.api.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training control on the cpu backend: epochs that continue across fit calls, a validation set
 * held out or given, early stopping that restores the best epoch, reduce-on-plateau on top of a
 * schedule, and a listener's clean stop.
 */
class TrainingControlTest extends FreshCpuBackend {
    private static final Blobs TRAIN = Blobs.of(600, 12, 3, 1);
    private static final Blobs TEST = Blobs.of(300, 12, 3, 1);
    /** Few rows, 40% of them with a random label: a fast optimizer overfits them. */
    private static final Dataset NOISY = noisy(Blobs.of(150, 12, 3, 4), 0.3, 5);
    private static final long SEED = 9;

    @TempDir
    Path dir;

    private static Dataset noisy(Blobs blobs, double share, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int[] labels = blobs.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            if (random.nextDouble() < share) {
                labels[i] = random.nextInt(blobs.classes());
            }
        }
        return Dataset.ofClasses(blobs.features(), blobs.featureCount(), labels, blobs.classes());
    }

    private Sequential network(long seed, float dropout) {
        Sequential.Builder builder = Sequential.builder(12).dense(32, Activation.GELU);
        if (dropout > 0) {
            builder.dropout(dropout);
        }
        return builder.dense(3, Activation.SOFTMAX).build(backend, seed);
    }

    private static Trainer.Builder trainer(Optimizer optimizer, int epochs) {
        return Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(optimizer)
                .batchSize(16).epochs(epochs).seed(SEED);
    }

    @Test
    void twoFitCallsOfOneEpochTrainAsOneCallOfTwo() {
        List<EpochStats> once;
        List<float[]> onceWeights;
        try (Sequential model = network(3, 0.2f);
             Optimizer adam = new Adam(0.01f).schedule(LearningRateSchedule.cosine(2, 0.1))) {
            once = trainer(adam, 2).build().fit(model, TRAIN.oneHot(), TEST.oneHot());
            onceWeights = weights(model);
        }
        try (Sequential model = network(3, 0.2f);
             Optimizer adam = new Adam(0.01f).schedule(LearningRateSchedule.cosine(2, 0.1))) {
            Trainer twice = trainer(adam, 1).build();
            List<EpochStats> first = twice.fit(model, TRAIN.oneHot(), TEST.oneHot());
            assertEquals(1, first.size());
            List<EpochStats> second = twice.fit(model, TRAIN.oneHot(), TEST.oneHot());
            assertEquals(List.of(1, 2), second.stream().map(EpochStats::epoch).toList());
            assertEquals(second, twice.history(model));
            for (int e = 0; e < 2; e++) {
                assertEquals(once.get(e).trainLoss(), second.get(e).trainLoss(), "epoch " + e);
                assertEquals(once.get(e).testLoss(), second.get(e).testLoss(), "epoch " + e);
                assertEquals(once.get(e).learningRate(), second.get(e).learningRate());
            }
            assertSameBits(onceWeights, weights(model));
        }
    }

    /** The epoch after which early stopping on the validation loss ends, replayed on a history. */
    private static int stopEpoch(List<EpochStats> history, int patience) {
        double best = Double.POSITIVE_INFINITY;
        int without = 0;
        for (EpochStats stats : history) {
            if (stats.validationLoss() < best) {
                best = stats.validationLoss();
                without = 0;
            } else if (++without == patience) {
                return stats.epoch();
            }
        }
        return -1;
    }

    private static int bestEpoch(List<EpochStats> history) {
        EpochStats best = history.get(0);
        for (EpochStats stats : history) {
            if (stats.validationLoss() < best.validationLoss()) {
                best = stats;
            }
        }
        return best.epoch();
    }

    @Test
    void earlyStoppingEndsTheHistoryAndRestoresTheBestEpochBitForBit() throws IOException {
        int epochs = 40;
        int patience = 3;
        UnaryOperator<Trainer.Builder> common = b -> b.validationSplit(1 / 3.0);
        List<EpochStats> full;
        try (Sequential model = network(5, 0); Optimizer adam = new Adam(0.002f)) {
            full = common.apply(trainer(adam, epochs)).build().fit(model, NOISY);
        }
        int stop = stopEpoch(full, patience);
        assertTrue(stop > patience + 1 && stop < epochs, "the validation loss turns up: "
                + full.stream().map(EpochStats::validationLoss).toList());
        int best = bestEpoch(full.subList(0, stop));
        List<float[]> bestWeights;
        int bestSteps;
        try (Sequential model = network(5, 0); Optimizer adam = new Adam(0.002f)) {
            common.apply(trainer(adam, best)).build().fit(model, NOISY);
            bestWeights = weights(model);
            bestSteps = adam.steps();
        }
        Path checkpoints = dir.resolve("stopped");
        try (Sequential model = network(5, 0); Optimizer adam = new Adam(0.002f)) {
            List<EpochStats> stopped = common.apply(trainer(adam, epochs))
                    .earlyStopping(EarlyStopping.on(Monitor.VALIDATION_LOSS, patience))
                    .checkpoints(checkpoints).build().fit(model, NOISY);
            assertEquals(stop, stopped.size(), "the history ends where it stopped");
            for (int e = 0; e < stop; e++) {
                assertEquals(full.get(e).validationLoss(), stopped.get(e).validationLoss());
            }
            assertSameBits(bestWeights, weights(model));
            assertEquals(bestSteps, adam.steps(), "the optimizer is back at the best epoch too");
        }
        try (Sequential model = network(77, 0); Optimizer adam = new Adam(0.002f)) {
            Checkpoint.restore(Checkpoint.fileFor(checkpoints, stop), model,
                    adam.stateTensors(model.parameters()));
            assertSameBits(bestWeights, weights(model));
        }
        try (Sequential model = network(5, 0); Optimizer adam = new Adam(0.002f)) {
            List<EpochStats> kept = common.apply(trainer(adam, epochs))
                    .earlyStopping(EarlyStopping.on(Monitor.VALIDATION_LOSS, patience)
                            .restoreBestWeights(false))
                    .build().fit(model, NOISY);
            assertEquals(stop, kept.size());
        }
    }

    @Test
    void aMinimumChangeStopsAsSoonAsThePatienceRunsOut() {
        try (Sequential model = network(5, 0); Optimizer sgd = new Sgd(0.05f)) {
            List<EpochStats> history = trainer(sgd, 20)
                    .earlyStopping(EarlyStopping.on(Monitor.TRAIN_LOSS, 2).minDelta(1e6))
                    .build().fit(model, TRAIN.oneHot());
            assertEquals(3, history.size(), "epoch 1 sets the best, 2 and 3 do not beat it by 1e6");
        }
    }

    @Test
    void aListenerStopsTheFitCleanlyWithItsHistory() {
        List<float[]> twoEpochs;
        try (Sequential model = network(6, 0); Optimizer sgd = new Sgd(0.05f)) {
            trainer(sgd, 2).build().fit(model, TRAIN.oneHot());
            twoEpochs = weights(model);
        }
        List<Integer> heard = new ArrayList<>();
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats, TrainingControl control) {
                if (stats.epoch() == 2) {
                    control.requestStop("enough");
                }
            }
        };
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats) {
                heard.add(stats.epoch());
            }
        };
        try (Sequential model = network(6, 0); Optimizer sgd = new Sgd(0.05f)) {
            List<EpochStats> history = trainer(sgd, 5).listener(stopper).listener(recorder)
                    .build().fit(model, TRAIN.oneHot());
            assertEquals(2, history.size());
            assertEquals(List.of(1, 2), heard, "every listener hears the last epoch");
            assertSameBits(twoEpochs, weights(model));
        }
    }

    @Test
    void aPlateauLowersTheScheduledRateDownToItsFloorAndGoesOnAcrossFits() {
        float base = 0.1f;
        float floor = 0.01f;
        LearningRateSchedule schedule = LearningRateSchedule.step(2, 0.5);
        ReduceLrOnPlateau plateau = ReduceLrOnPlateau.on(Monitor.TRAIN_LOSS, 0.5, 1)
                .minDelta(1e6).minLearningRate(floor);
        List<EpochStats> once;
        try (Sequential model = network(7, 0); Optimizer sgd = new Sgd(base).schedule(schedule)) {
            once = trainer(sgd, 5).reduceLrOnPlateau(plateau).build().fit(model, TRAIN.oneHot());
        }
        double[] reductions = {1, 1, 0.5, 0.25, 0.125};
        for (int e = 0; e < 5; e++) {
            double scheduled = base * schedule.factor(e);
            float expected = (float) Math.max(scheduled * reductions[e],
                    Math.min(floor, scheduled));
            assertEquals(expected, (float) once.get(e).learningRate(), "epoch " + (e + 1));
        }
        assertEquals(floor, (float) once.get(4).learningRate(), "the floor holds the last epoch");
        try (Sequential model = network(7, 0); Optimizer sgd = new Sgd(base).schedule(schedule)) {
            Trainer oneAtATime = trainer(sgd, 1).reduceLrOnPlateau(plateau).build();
            List<EpochStats> stepwise = List.of();
            for (int call = 0; call < 5; call++) {
                stepwise = oneAtATime.fit(model, TRAIN.oneHot());
            }
            for (int e = 0; e < 5; e++) {
                assertEquals(once.get(e).learningRate(), stepwise.get(e).learningRate());
                assertEquals(once.get(e).trainLoss(), stepwise.get(e).trainLoss());
            }
        }
    }

    @Test
    void aValidationSplitHoldsOutAStratifiedShareOfTheTrainingRows() {
        Dataset data = TRAIN.oneHot();
        List<EpochStats> held;
        List<float[]> heldWeights;
        try (Sequential model = network(8, 0); Optimizer sgd = new Sgd(0.05f)) {
            held = trainer(sgd, 2).validationSplit(0.25).build().fit(model, data);
            heldWeights = weights(model);
        }
        assertTrue(Double.isNaN(held.get(1).testLoss()), "no test set");
        assertTrue(held.get(1).validationAccuracy() > 0.5, held.toString());
        Split stratified = Split.stratified(data, SEED, 0.25);
        try (Sequential model = network(8, 0); Optimizer sgd = new Sgd(0.05f)) {
            List<EpochStats> given = trainer(sgd, 2).build().fit(model, new Split(
                    stratified.train(), Optional.of(stratified.test()), TEST.oneHot()));
            for (int e = 0; e < 2; e++) {
                assertEquals(held.get(e).validationLoss(), given.get(e).validationLoss());
                assertEquals(held.get(e).trainLoss(), given.get(e).trainLoss());
            }
            assertTrue(given.get(1).testAccuracy() > 0.5, given.toString());
            assertSameBits(heldWeights, weights(model));
        }
    }

    @Test
    void badSettingsAreRefusedNamingWhatAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().validationSplit(1));
        assertTrue(e.getMessage().contains("validationSplit must be in [0, 1), got 1.0"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EarlyStopping.on(Monitor.VALIDATION_LOSS, 0));
        assertTrue(e.getMessage().contains("patience must be at least 1 epoch, got 0"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EarlyStopping.on(Monitor.VALIDATION_LOSS, 2).minDelta(Double.NaN));
        assertTrue(e.getMessage().contains("minDelta must be finite and >= 0, got NaN"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReduceLrOnPlateau.on(Monitor.VALIDATION_LOSS, 1, 2));
        assertTrue(e.getMessage().contains("factor must be in (0, 1), got 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReduceLrOnPlateau.on(Monitor.TRAIN_LOSS, 0.5, 2).minLearningRate(-1));
        assertTrue(e.getMessage().contains("minLearningRate must be finite and >= 0, got -1.0"),
                e.getMessage());
        try (Sequential model = network(9, 0); Optimizer sgd = new Sgd(0.05f)) {
            Trainer watching = trainer(sgd, 2)
                    .earlyStopping(EarlyStopping.on(Monitor.VALIDATION_LOSS, 2)).build();
            e = assertThrows(IllegalArgumentException.class,
                    () -> watching.fit(model, TRAIN.oneHot(), TEST.oneHot()));
            assertTrue(e.getMessage().startsWith("early stopping monitors VALIDATION_LOSS but "
                    + "this fit has no validation set; set Trainer.Builder.validationSplit"),
                    e.getMessage());
            Split withValidation = Split.random(TRAIN.oneHot(), 1, 0.2, 0.2);
            Trainer twoValidations = trainer(sgd, 1).validationSplit(0.2).build();
            e = assertThrows(IllegalArgumentException.class,
                    () -> twoValidations.fit(model, withValidation));
            assertTrue(e.getMessage().contains("expected one of them"), e.getMessage());
            assertTrue(watching.history(model).isEmpty(), "nothing was trained");
        }
    }
}
