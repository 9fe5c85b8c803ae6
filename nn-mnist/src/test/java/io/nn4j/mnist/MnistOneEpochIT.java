package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One epoch of 784-128-10 on the real MNIST files, on the cpu backend, reaches at least
 * {@link MnistTestData#ONE_EPOCH_ACCURACY} test accuracy.
 */
class MnistOneEpochIT {

    @Test
    void oneEpochOnCpuReachesTheReferenceAccuracy() throws IOException {
        MnistData data = MnistTestData.load();
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(784, data.train().pixelsPerImage());
        try (Backend cpu = Backends.load("cpu");
             Sequential model = Sequential.builder(784)
                     .dense(128, Activation.RELU)
                     .dense(10, Activation.SOFTMAX)
                     .build(cpu, 42);
             Sgd sgd = new Sgd(MnistTestData.ONE_EPOCH_LEARNING_RATE)) {
            List<EpochStats> history = Trainer.builder()
                    .loss(Loss.CATEGORICAL_CROSSENTROPY)
                    .optimizer(sgd)
                    .batchSize(MnistTestData.ONE_EPOCH_BATCH)
                    .epochs(1)
                    .seed(42)
                    .build()
                    .fit(model, data.train().oneHot(), data.test().oneHot());
            assertEquals(1, history.size());
            double accuracy = history.get(0).testAccuracy();
            assertTrue(accuracy >= MnistTestData.ONE_EPOCH_ACCURACY, "test accuracy after one"
                    + " epoch is " + accuracy + "; expected at least "
                    + MnistTestData.ONE_EPOCH_ACCURACY);
        }
    }
}
