package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import io.nn4j.api.train.TrainingDivergedException;
import io.nn4j.api.train.TrainingListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainer's divergence check on a backend: a NaN input (in data that opted out of the
 * value check) and a step size that blows up are caught within
 * {@link Trainer#DIVERGENCE_CHECK_EVERY} steps, named as such, and the parameters and the
 * optimizer's state are left exactly as they were at the last good check. The check reads the
 * summed loss, copies tensors and restores them, so each backend is held to it. Static checks
 * only, no state: safe from any thread.
 */
public final class DivergenceConformance {
    private static final int FEATURES = 12;
    private static final int CLASSES = 3;

    private DivergenceConformance() {
    }

    /**
     * One NaN pixel among 3,200 examples (200 steps an epoch): caught within one check of the
     * step that first trained on it, named by row and column, the model rolled back.
     */
    public static void checkNonFiniteInput(Backend backend) {
        Blobs blobs = Blobs.of(3200, FEATURES, CLASSES, 5);
        int row = 2345;
        int col = 7;
        Dataset data = withValue(blobs, row, col, Float.NaN);
        TrainingDivergedException e = diverge(backend, data, new Sgd(0.05f), 2,
                TrainingDivergedException.LikelyCause.NON_FINITE_INPUT);
        assertTrue(e.getMessage().contains("features row " + row + ", column " + col
                + " is NaN"), e.getMessage());
    }

    /**
     * An infinite feature in a fit too short for a timed check (four steps an epoch): the
     * epoch's end catches it.
     */
    public static void checkNonFiniteInputAtTheEpochEnd(Backend backend) {
        Dataset data = withValue(Blobs.of(64, FEATURES, CLASSES, 6), 50, 0,
                Float.POSITIVE_INFINITY);
        TrainingDivergedException e = diverge(backend, data, new Sgd(0.05f), 1,
                TrainingDivergedException.LikelyCause.NON_FINITE_INPUT);
        assertTrue(e.getMessage().contains("features row 50, column 0 is Infinity"),
                e.getMessage());
    }

    /** SGD at a learning rate of 1e6 under cross-entropy: caught at the first check. */
    public static void checkHugeLearningRate(Backend backend) {
        TrainingDivergedException e = diverge(backend, Blobs.of(600, FEATURES, CLASSES, 7)
                .oneHot(), new Sgd(1e6f), 6, TrainingDivergedException.LikelyCause.STEP_SIZE);
        assertEquals(0, e.lastGoodStep(), e.getMessage());
        assertTrue(e.getMessage().contains("step size")
                && e.getMessage().contains("learning rate 1000000.0"), e.getMessage());
    }

    /**
     * Adam whose learning rate jumps 1e6-fold after three epochs of 38 steps: the check at
     * step 100 is good, the one at step 200 is not, and the model and Adam's moments and step
     * count go back to step 100.
     */
    public static void checkStepSizeBlowUpRollsBackToTheLastGoodCheck(Backend backend) {
        Optimizer adam = new Adam(0.01f).schedule(epoch -> epoch < 3 ? 1 : 1e6);
        TrainingDivergedException e = diverge(backend, Blobs.of(600, FEATURES, CLASSES, 8)
                .oneHot(), adam, 8, TrainingDivergedException.LikelyCause.STEP_SIZE);
        assertEquals(Trainer.DIVERGENCE_CHECK_EVERY, e.lastGoodStep(), e.getMessage());
    }

    /**
     * Trains a small softmax network until it throws, recording the state at the fit's start
     * and at every check; asserts the cause, that the throw came within one check of the first
     * non-finite running loss (if any), and that the model and optimizer hold the state of the
     * last good check.
     */
    private static TrainingDivergedException diverge(Backend backend, Dataset data,
                                                     Optimizer optimizer, int epochs,
                                                     TrainingDivergedException.LikelyCause cause) {
        try (Sequential model = Sequential.builder(FEATURES).dense(16, Activation.RELU)
                .dense(CLASSES, Activation.SOFTMAX).build(backend, 3);
             Optimizer closing = optimizer) {
            Recorder recorder = new Recorder(model, closing);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(closing)
                            .batchSize(16).epochs(epochs).seed(11).runningLossEvery(1)
                            .listener(recorder).build().fit(model, data));
            assertEquals(cause, e.likelyCause(), e.getMessage());
            if (recorder.firstNonFinite > 0) {
                assertTrue(recorder.steps - recorder.firstNonFinite
                        < Trainer.DIVERGENCE_CHECK_EVERY, "first non-finite loss at step "
                        + recorder.firstNonFinite + ", still training at " + recorder.steps);
            }
            assertEquals(e.lastGoodStep(), closing.steps(), "the optimizer's step count");
            List<float[]> expected = recorder.states.get(e.lastGoodStep());
            List<float[]> actual = Recorder.state(model, closing);
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), "tensor " + i
                        + " of the parameters and optimizer state, step " + e.lastGoodStep());
            }
            return e;
        }
    }

    /** The blobs with one-hot targets and {@code value} at one feature, unchecked. */
    private static Dataset withValue(Blobs blobs, int row, int col, float value) {
        float[] features = blobs.features().clone();
        features[row * blobs.featureCount() + col] = value;
        float[] targets = new float[blobs.labels().length * blobs.classes()];
        for (int i = 0; i < blobs.labels().length; i++) {
            targets[i * blobs.classes() + blobs.labels()[i]] = 1f;
        }
        return Dataset.allowingNonFinite(features, blobs.featureCount(), targets,
                blobs.classes());
    }

    /** Counts steps; keeps the state at the start and at every check; the first bad loss. */
    private static final class Recorder implements TrainingListener {
        final Map<Long, List<float[]>> states = new HashMap<>();
        private final Sequential model;
        private final Optimizer optimizer;
        long steps;
        long firstNonFinite;

        Recorder(Sequential model, Optimizer optimizer) {
            this.model = model;
            this.optimizer = optimizer;
            states.put(0L, state(model, optimizer));
        }

        static List<float[]> state(Sequential model, Optimizer optimizer) {
            List<float[]> values = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                values.add(model.backend().toArray(p.value()));
            }
            for (Tensor t : optimizer.stateTensors(model.parameters()).values()) {
                values.add(model.backend().toArray(t));
            }
            return values;
        }

        @Override
        public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
            steps++;
            if (steps % Trainer.DIVERGENCE_CHECK_EVERY == 0) {
                states.put(steps, state(model, optimizer));
            }
        }

        @Override
        public void onRunningLoss(int epoch, int batch, double meanLoss) {
            if (firstNonFinite == 0 && !Double.isFinite(meanLoss)) {
                firstNonFinite = steps;
            }
        }
    }
}
