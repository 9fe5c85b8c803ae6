package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Runs the library example of the README (kept in sync by hand: same calls, same order). */
class ReadmeExampleTest {

    /** Three Gaussian blobs in the plane, one class each. */
    private static Dataset blobs(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            double angle = 2 * Math.PI * label / 3;
            x[2 * i] = (float) (2 * Math.cos(angle) + random.nextGaussian() * 0.5);
            x[2 * i + 1] = (float) (2 * Math.sin(angle) + random.nextGaussian() * 0.5);
            labels[i] = label;
        }
        return Dataset.ofClasses(x, 2, labels, 3);
    }

    @Test
    void readmeExampleTrainsAndPredicts() {
        Dataset train = blobs(600, 1);
        Dataset test = blobs(300, 2);
        // --- README example starts here ---
        try (Backend backend = Backends.load("cpu");
             Sequential model = Sequential.builder(2)
                     .dense(16, Activation.RELU)
                     .dense(3, Activation.SOFTMAX)
                     .build(backend, 42)) {
            Trainer trainer = Trainer.builder()
                    .loss(Loss.CATEGORICAL_CROSSENTROPY)
                    .optimizer(new Sgd(0.1f))
                    .batchSize(32)
                    .epochs(10)
                    .seed(7)
                    .build();
            List<EpochStats> history = trainer.fit(model, train, test);
            float[] probabilities = model.predict(new float[] {2f, 0f}, 1);
            // --- README example ends here ---
            assertTrue(history.get(9).testAccuracy() > 0.95, history.toString());
            assertTrue(history.get(9).trainLoss() < history.get(0).trainLoss(), history.toString());
            assertEquals(3, probabilities.length);
            assertTrue(probabilities[0] > 0.8f, () -> "class 0 probability " + probabilities[0]);
        }
    }
}
