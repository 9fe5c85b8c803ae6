package io.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.FlatTensors;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SparkTrainer in local mode: exactness, determinism and the round structure. */
class SparkTrainerTest {
    private static final Architecture NET = Sequential.builder(Blobs.FEATURES)
            .dense(8, Activation.TANH).dense(Blobs.CLASSES, Activation.SOFTMAX).architecture();
    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = Backends.load("cpu");
        LocalSpark.session();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    static float[] weights(Sequential model) {
        return FlatTensors.toArray(model.parameters().stream().map(Parameter::value).toList());
    }

    @Test
    void averagingEveryStepWithPlainSgdIsOneMachineTrainingOnTheBatchOfAllPartitions() {
        int perPartition = 48;
        int batch = 8;
        int epochs = 2;
        List<Example> examples = Blobs.examples(2 * perPartition, 3);
        JavaRDD<Example> rdd = LocalSpark.context().parallelize(examples, 2);
        SparkTrainer trainer = SparkTrainer.builder(NET).loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .optimizer(Sgd::new, 0.3f).batchSize(batch).epochs(epochs).seed(11)
                .averageEvery(1).build();
        float[] spark;
        try (SparkFit fit = trainer.fit(rdd, backend)) {
            spark = weights(fit.model());
            assertEquals(epochs * perPartition / batch, fit.rounds().size(), "a job per step");
        }

        // One machine: batches of 2 × 8, partition 0's batch t then partition 1's batch t.
        try (Sequential model = NET.build(backend, 11);
             Sgd sgd = new Sgd(0.3f);
             TrainingStep step = new TrainingStep(model, sgd, Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
                     Blobs.dataset(examples), 2 * batch);
             Tensor loss = backend.zeros(Shape.vector(1))) {
            float[] before = weights(model);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                int[] first = PartitionOrder.of(perPartition, 11, 0, epoch);
                int[] second = PartitionOrder.of(perPartition, 11, 1, epoch);
                int[] order = new int[2 * perPartition];
                for (int t = 0; t < perPartition / batch; t++) {
                    for (int i = 0; i < batch; i++) {
                        order[2 * batch * t + i] = first[batch * t + i];
                        order[2 * batch * t + batch + i] = second[batch * t + i] + perPartition;
                    }
                }
                for (int b = 0; b < step.batches(); b++) {
                    step.run(order, b, loss);
                }
            }
            float[] single = weights(model);
            assertArrayEquals(single, spark, 1e-5f);
            assertTrue(maxDifference(before, single) > 0.05, "training moved the weights");
        }
    }

    @Test
    void twoRunsWithOneSeedAreBitIdenticalAndAnotherSeedIsNot() {
        List<Example> examples = Blobs.examples(150, 5);
        JavaRDD<Example> rdd = LocalSpark.context().parallelize(examples, 3);
        List<RoundStats> heard = new ArrayList<>();
        SparkTrainer.Builder builder = SparkTrainer.builder(NET)
                .loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .optimizer(rate -> new Sgd(rate).momentum(0.9f, false), 0.05f)
                .averageOptimizerState(true).scaleLearningRate(true).averageEvery(2)
                .batchSize(10).epochs(3).seed(21).listener(heard::add);
        float[] first;
        float[] second;
        float[] other;
        try (SparkFit fit = builder.build().fit(rdd, backend)) {
            first = weights(fit.model());
            assertEquals(3, fit.history().size());
            assertEquals(fit.rounds(), heard, "the listener heard every round");
            assertEquals(3 * 3, heard.size(), "5 batches per partition, 2 per round: 3 rounds");
            assertEquals(150, heard.get(0).examples() + heard.get(1).examples()
                    + heard.get(2).examples(), "an epoch trains on every example once");
            assertTrue(fit.history().get(2).trainLoss() < fit.history().get(0).trainLoss(),
                    fit.history().toString());
            assertEquals(0.15f, fit.history().get(0).learningRate(), 1e-7,
                    "the rate scaled by the 3 partitions");
        }
        try (SparkFit fit = builder.build().fit(rdd, backend)) {
            second = weights(fit.model());
        }
        try (SparkFit fit = builder.seed(22).build().fit(rdd, backend)) {
            other = weights(fit.model());
        }
        assertArrayEquals(first, second);
        assertFalse(java.util.Arrays.equals(first, other), "another seed trains another model");
    }

    @Test
    void theExecutorPluginOpenedTheBackendWhenTheSessionStarted() {
        assertTrue(ExecutorBackends.anyOpen());
    }

    static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
