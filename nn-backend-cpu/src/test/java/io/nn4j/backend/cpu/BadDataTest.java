package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.testkit.Blobs;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import io.nn4j.api.train.TrainingDivergedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad data and missing data at the trainer's door: targets that do not suit the loss or the
 * output width are refused before any training, by data set, row, column and value; a fit
 * without a test set; a non-finite test loss; a model whose own weights are not finite.
 */
class BadDataTest extends FreshCpuBackend {
    private static final Blobs BLOBS = Blobs.of(96, 12, 3, 1);

    @TempDir
    Path dir;

    private Sequential softmax() {
        return Sequential.builder(12).dense(8, Activation.TANH).dense(3, Activation.SOFTMAX)
                .build(backend, 4);
    }

    private static Trainer trainer(Loss loss, Sgd sgd, int epochs) {
        return Trainer.builder().loss(loss).optimizer(sgd).batchSize(16).epochs(epochs).seed(2)
                .build();
    }

    /** The blobs' features with {@code targets} of {@code width} per example. */
    private static Dataset withTargets(float[] targets, int width) {
        return new Dataset(BLOBS.features(), 12, targets, width);
    }

    private String refusal(Loss loss, Sequential model, Dataset train, Dataset test) {
        float[] before = backend.toArray(model.parameters().get(0).value());
        try (Sgd sgd = new Sgd(0.1f)) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> trainer(loss, sgd, 1).fit(model, train, test)).getMessage();
            assertArrayEquals(before, backend.toArray(model.parameters().get(0).value()),
                    "nothing was trained");
            return message;
        }
    }

    @Test
    void classIndicesOutsideTheOutputWidthAreRefusedBeforeTraining() {
        float[] labels = new float[96];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = BLOBS.labels()[i];
        }
        labels[41] = 3;
        Loss sparse = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        try (Sequential model = softmax()) {
            assertEquals("the training data's targets row 41, column 0 is 3.0; "
                    + "sparse_categorical_crossentropy expects a class index, an integer in "
                    + "[0, 3) for a model with 3 outputs",
                    refusal(sparse, model, withTargets(labels, 1), BLOBS.sparse()));
            assertTrue(refusal(sparse, model, BLOBS.sparse(), withTargets(labels, 1))
                    .startsWith("the test data's targets row 41, column 0 is 3.0"));
            labels[41] = 1.5f;
            assertTrue(refusal(sparse, model, withTargets(labels, 1), BLOBS.sparse())
                    .startsWith("the training data's targets row 41, column 0 is 1.5"));
            labels[41] = -1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Trainer.evaluate(model, withTargets(labels, 1), sparse, 32));
            assertTrue(e.getMessage().startsWith("the evaluation data's targets row 41, column 0 "
                    + "is -1.0"), e.getMessage());
        }
    }

    @Test
    void binaryCrossEntropyTargetsOutsideZeroToOneAreRefused() {
        float[] targets = new float[96];
        targets[7] = 1.5f;
        try (Sequential model = Sequential.builder(12).dense(1, Activation.SIGMOID)
                .build(backend, 4)) {
            assertEquals("the training data's targets row 7, column 0 is 1.5; "
                    + "binary_crossentropy expects targets in [0, 1]",
                    refusal(Loss.BINARY_CROSSENTROPY, model, withTargets(targets, 1),
                            BLOBS.binary(0)));
        }
    }

    @Test
    void categoricalTargetsMustBeProbabilityRowsSummingToOne() {
        float[] targets = new float[96 * 3];
        for (int i = 0; i < 96; i++) {
            targets[i * 3] = 0.1f;
            targets[i * 3 + 1] = 0.8f;
            targets[i * 3 + 2] = 0.1f;
        }
        try (Sequential model = softmax(); Sgd sgd = new Sgd(0.1f)) {
            List<EpochStats> soft = trainer(Loss.CATEGORICAL_CROSSENTROPY, sgd, 1)
                    .fit(model, withTargets(targets.clone(), 3));
            assertTrue(Double.isFinite(soft.get(0).trainLoss()), "soft labels are accepted");
            targets[20 * 3 + 1] = 0.7f;
            assertEquals("the training data's targets row 20 sums to 0.9; "
                    + "categorical_crossentropy expects probabilities in [0, 1], each row summing "
                    + "to 1 within 0.001 (one-hot rows or soft labels)",
                    refusal(Loss.CATEGORICAL_CROSSENTROPY, model, withTargets(targets, 3),
                            BLOBS.oneHot()));
            targets[20 * 3 + 1] = 1.1f;
            targets[20 * 3 + 2] = -0.2f;
            assertTrue(refusal(Loss.CATEGORICAL_CROSSENTROPY, model, withTargets(targets, 3),
                    BLOBS.oneHot()).startsWith("the training data's targets row 20, column 1 "
                    + "is 1.1"));
        }
    }

    @Test
    void nonFiniteTargetsAreRefusedEvenWhenTheDataSetOptedOut() {
        float[] targets = new float[96 * 3];
        targets[5 * 3 + 2] = Float.NaN;
        Dataset unchecked = Dataset.allowingNonFinite(BLOBS.features(), 12, targets, 3);
        try (Sequential model = softmax()) {
            assertEquals("the training data's targets row 5, column 2 is NaN; mse expects "
                            + "finite targets",
                    refusal(Loss.MEAN_SQUARED_ERROR, model, unchecked, BLOBS.oneHot()));
        }
    }

    @Test
    void withoutATestSetTheTestFieldsAreNaNAndCheckpointsResume() {
        Path checkpoints = dir.resolve("checkpoints");
        try (Sequential model = softmax(); Sgd sgd = new Sgd(0.1f)) {
            Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(sgd).batchSize(16)
                    .epochs(1).checkpoints(checkpoints).build().fit(model, BLOBS.oneHot());
            List<EpochStats> history = Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY)
                    .optimizer(sgd).batchSize(16).epochs(2).checkpoints(checkpoints).build()
                    .fit(model, BLOBS.oneHot());
            assertEquals(2, history.size());
            for (EpochStats stats : history) {
                assertTrue(Double.isNaN(stats.testLoss()) && Double.isNaN(stats.testAccuracy()),
                        stats.toString());
            }
            assertTrue(history.get(1).trainLoss() < history.get(0).trainLoss(),
                    history.toString());
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> trainer(Loss.CATEGORICAL_CROSSENTROPY, sgd, 1)
                            .fit(model, BLOBS.oneHot(), null));
            assertTrue(e.getMessage().contains("fit(model, train)"), e.getMessage());
        }
    }

    @Test
    void aNonFiniteTestLossIsAnErrorNamingTheEpoch() {
        float[] features = BLOBS.features().clone();
        features[3] = Float.NaN;
        float[] targets = new float[96 * 3];
        for (int i = 0; i < 96; i++) {
            targets[i * 3 + BLOBS.labels()[i]] = 1f;
        }
        Dataset test = Dataset.allowingNonFinite(features, 12, targets, 3);
        Path checkpoints = dir.resolve("none");
        try (Sequential model = softmax(); Sgd sgd = new Sgd(0.1f)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(sgd)
                            .batchSize(16).epochs(2).checkpoints(checkpoints).build()
                            .fit(model, BLOBS.oneHot(), test));
            assertTrue(e.getMessage().contains("on the test set after epoch 1 is NaN"),
                    e.getMessage());
            assertTrue(Files.notExists(Checkpoint.fileFor(checkpoints, 1)),
                    "no checkpoint for the epoch");
        }
    }

    @Test
    void aModelWhoseWeightsAreNotFiniteIsNamedAsTheCause() {
        try (Sequential model = softmax(); Sgd sgd = new Sgd(0.1f)) {
            float[] weights = backend.toArray(model.parameters().get(0).value());
            weights[0] = Float.NaN;
            backend.copyIn(weights, 0, model.parameters().get(0).value());
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer(Loss.CATEGORICAL_CROSSENTROPY, sgd, 1)
                            .fit(model, BLOBS.oneHot()));
            assertEquals(TrainingDivergedException.LikelyCause.MODEL, e.likelyCause(),
                    e.getMessage());
            assertEquals(0, e.lastGoodStep());
            assertArrayEquals(weights, backend.toArray(model.parameters().get(0).value()));
        }
    }
}
