package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.testkit.Blobs;
import io.nn4j.api.testkit.StepAllocationMeter;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Class weights on the cpu backend: weights of 1 train exactly as none, the reported loss is
 * the weighted per-example loss, weights move the decision towards a rare class, and a warm
 * weighted step allocates nothing.
 */
class ClassWeightsTest extends FreshCpuBackend {
    private static final Blobs BLOBS = Blobs.of(300, 6, 3, 2);
    private static final long SEED = 4;

    private Sequential network(int inputs, int outputs, long seed) {
        return Sequential.builder(inputs).dense(16, Activation.TANH)
                .dense(outputs, Activation.SOFTMAX).build(backend, seed);
    }

    private static Trainer.Builder trainer(Loss loss, Optimizer optimizer, int batchSize,
                                           int epochs) {
        return Trainer.builder().loss(loss).optimizer(optimizer).batchSize(batchSize)
                .epochs(epochs).seed(SEED);
    }

    @ParameterizedTest
    @EnumSource(value = Loss.class, names = {"CATEGORICAL_CROSSENTROPY",
            "SPARSE_CATEGORICAL_CROSSENTROPY"})
    void weightsOfOneTrainExactlyAsNoWeights(Loss loss) {
        Dataset data = loss == Loss.CATEGORICAL_CROSSENTROPY ? BLOBS.oneHot() : BLOBS.sparse();
        List<EpochStats> plain;
        List<float[]> plainWeights;
        try (Sequential model = network(6, 3, 1); Optimizer adam = new Adam(0.01f)) {
            plain = trainer(loss, adam, 16, 3).build().fit(model, data);
            plainWeights = weights(model);
        }
        try (Sequential model = network(6, 3, 1); Optimizer adam = new Adam(0.01f)) {
            List<EpochStats> weighted = trainer(loss, adam, 16, 3).classWeights(1, 1, 1).build()
                    .fit(model, data);
            for (int e = 0; e < 3; e++) {
                assertEquals(plain.get(e).trainLoss(), weighted.get(e).trainLoss());
            }
            assertSameBits(plainWeights, weights(model));
        }
    }

    @Test
    void theReportedLossIsTheMeanWeightedPerExampleLoss() {
        float[] classWeights = {1f, 3f, 0.5f};
        Dataset data = BLOBS.sparse();
        double expected = 0;
        try (Sequential model = network(6, 3, 2)) {
            float[][] outputs = model.predict(rows(BLOBS));
            for (int i = 0; i < outputs.length; i++) {
                int c = BLOBS.labels()[i];
                expected -= classWeights[c] * Math.log(Math.max(outputs[i][c], Loss.LOG_CLAMP));
            }
            expected /= outputs.length;
        }
        double doubled;
        double plain;
        double weighted;
        Loss loss = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        try (Sequential model = network(6, 3, 2); Optimizer sgd = new Sgd(0.1f)) {
            plain = trainer(loss, sgd, 300, 1).build().fit(model, data).get(0).trainLoss();
        }
        try (Sequential model = network(6, 3, 2); Optimizer sgd = new Sgd(0.1f)) {
            doubled = trainer(loss, sgd, 300, 1).classWeights(2, 2, 2).build().fit(model, data)
                    .get(0).trainLoss();
        }
        try (Sequential model = network(6, 3, 2); Optimizer sgd = new Sgd(0.1f)) {
            weighted = trainer(loss, sgd, 300, 1).classWeights(classWeights).build()
                    .fit(model, data).get(0).trainLoss();
        }
        assertEquals(2 * plain, doubled, "one batch: the loss before the update, doubled");
        assertEquals(expected, weighted, 1e-6 * expected);
    }

    private static float[][] rows(Blobs blobs) {
        float[][] rows = new float[blobs.labels().length][blobs.featureCount()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(blobs.features(), i * blobs.featureCount(), rows[i], 0,
                    blobs.featureCount());
        }
        return rows;
    }

    /** Two overlapping classes of two features, 9 rows of class 0 to each of class 1. */
    private record Imbalanced(float[] x, int[] labels) {
        static Imbalanced make() {
            Random random = new Random(7);
            int n = 1000;
            float[] x = new float[n * 2];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 10 == 0 ? 1 : 0;
                x[2 * i] = (float) (random.nextGaussian() + (labels[i] == 1 ? 1.0 : 0));
                x[2 * i + 1] = (float) random.nextGaussian();
            }
            return new Imbalanced(x, labels);
        }

        Dataset data() {
            return Dataset.ofLabels(x, 2, labels, 2);
        }

        /** The share of class-1 rows the model puts in class 1. */
        double rareRecall(Sequential model) {
            float[] out = model.predict(x, labels.length);
            int found = 0;
            int rare = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == 1) {
                    rare++;
                    found += out[2 * i + 1] > out[2 * i] ? 1 : 0;
                }
            }
            return found / (double) rare;
        }
    }

    @Test
    void weightsMoveTheDecisionTowardsTheRareClass() {
        Imbalanced imbalanced = Imbalanced.make();
        Loss loss = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        double plain;
        double weighted;
        try (Sequential model = network(2, 2, 3); Optimizer adam = new Adam(0.01f)) {
            trainer(loss, adam, 32, 5).build().fit(model, imbalanced.data());
            plain = imbalanced.rareRecall(model);
        }
        try (Sequential model = network(2, 2, 3); Optimizer adam = new Adam(0.01f)) {
            trainer(loss, adam, 32, 5).classWeights(1, 9).build().fit(model, imbalanced.data());
            weighted = imbalanced.rareRecall(model);
        }
        assertTrue(plain < 0.2 && weighted > 0.5, "rare-class recall without weights " + plain
                + ", with weights 1:9 " + weighted);
    }

    @Test
    void aWarmWeightedStepAllocatesNothing() {
        StepAllocationMeter meter = new StepAllocationMeter(3, 6);
        try (Sequential model = network(6, 3, 5); Adam adam = new Adam(0.01f)) {
            trainer(Loss.CATEGORICAL_CROSSENTROPY, adam, 16, 6).classWeights(1, 2, 3)
                    .listener(meter).build().fit(model, BLOBS.oneHot());
        }
        assertTrue(meter.quietestEpochBytes() < meter.perStepAllocationThreshold(),
                meter.toString());
    }

    @Test
    void badWeightsAreRefusedNamingWhatAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().classWeights(1, -1));
        assertEquals("class weight 1 is -1.0; expected a finite value >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().classWeights(0, 0));
        assertTrue(e.getMessage().contains("all 0"), e.getMessage());
        try (Sgd sgd = new Sgd(0.1f)) {
            e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder()
                    .loss(Loss.MEAN_SQUARED_ERROR).optimizer(sgd).classWeights(1, 2).build());
            assertTrue(e.getMessage().startsWith("class weights need a softmax cross-entropy "
                    + "loss"), e.getMessage());
            Trainer twoWeights = trainer(Loss.CATEGORICAL_CROSSENTROPY, sgd, 16, 1)
                    .classWeights(1, 2).build();
            try (Sequential model = network(6, 3, 5)) {
                e = assertThrows(IllegalArgumentException.class,
                        () -> twoWeights.fit(model, BLOBS.oneHot()));
                assertEquals("class weights: 2 given for a model with 3 outputs; expected one "
                        + "per class", e.getMessage());
            }
        }
    }
}
