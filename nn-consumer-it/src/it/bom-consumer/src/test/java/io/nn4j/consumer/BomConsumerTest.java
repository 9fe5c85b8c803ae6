package io.nn4j.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Trainer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A user's first test: with nn-api and nn-backend-cpu from the installed artifacts (versions
 * from the BOM), the cpu backend is discovered and a small network learns two classes.
 */
class BomConsumerTest {

    /** Two Gaussian blobs in the plane, centred at (−1.5, 0) and (1.5, 0), one class each. */
    private static Dataset blobs(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            x[2 * i] = (float) ((label == 0 ? -1.5 : 1.5) + random.nextGaussian() * 0.6);
            x[2 * i + 1] = (float) (random.nextGaussian() * 0.6);
            labels[i] = label;
        }
        return Dataset.ofClasses(x, 2, labels, 2);
    }

    @Test
    void theCpuBackendIsDiscoveredFromTheInstalledJar() {
        List<BackendStatus> backends = Backends.list();
        assertTrue(backends.stream().anyMatch(b -> b.name().equals("cpu") && b.availability().available()),
                backends::toString);
    }

    @Test
    void aSmallNetworkLearnsTwoBlobs() {
        Dataset train = blobs(400, 1);
        Dataset test = blobs(200, 2);
        try (Backend backend = Backends.load("cpu");
             Sequential model = Sequential.builder(2)
                     .dense(8, Activation.TANH)
                     .dense(2, Activation.SOFTMAX)
                     .build(backend, 42)) {
            Trainer trainer = Trainer.builder()
                    .loss(Loss.CATEGORICAL_CROSSENTROPY)
                    .optimizer(new Adam(0.01f))
                    .batchSize(32)
                    .epochs(5)
                    .seed(7)
                    .build();
            List<EpochStats> history = trainer.fit(model, train, test);

            assertEquals(5, history.size());
            assertTrue(history.get(4).trainLoss() < history.get(0).trainLoss(), history::toString);
            assertTrue(history.get(4).testAccuracy() > 0.95, history::toString);
            float[] probabilities = model.predict(new float[] {1.5f, 0f}, 1);
            assertTrue(probabilities[1] > 0.9f, () -> "class 1 probability " + probabilities[1]);
        }
    }
}
