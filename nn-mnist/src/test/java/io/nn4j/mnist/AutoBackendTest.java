package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.BackendStatus;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Sgd;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AutoBackendTest {

    @Test
    void timesEveryAvailableBackendAndKeepsTheFastestOpen() {
        Random random = new Random(5);
        float[] features = new float[40 * 6];
        int[] labels = new int[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(3);
            for (int j = 0; j < 6; j++) {
                features[i * 6 + j] = random.nextFloat();
            }
        }
        Dataset data = Dataset.ofClasses(features, 6, labels, 3);
        Architecture architecture = Sequential.builder(6).dense(5, Activation.RELU)
                .dropout(0.1f).dense(3, Activation.SOFTMAX).architecture();
        StringWriter text = new StringWriter();
        try (Backend chosen = AutoBackend.fastest(architecture, 1, Loss.CATEGORICAL_CROSSENTROPY,
                () -> new Sgd(0.1f), data, 16, new PrintWriter(text))) {
            String out = text.toString();
            for (BackendStatus status : Backends.list()) {
                assertTrue(out.contains("auto: " + status.name() + " takes ")
                        || out.contains("auto: skipping " + status.name() + ": "), out);
            }
            assertTrue(out.matches("(?s).*auto: cpu takes \\d+\\.\\d{3} ms per training step"
                    + " \\(batch 16, the fastest of 8 rounds of at least 40 ms, taken in turn with"
                    + " the other backends\\).*"), out);
            assertTrue(out.endsWith("auto: using " + chosen.name() + ", the fastest"
                    + System.lineSeparator()), out);
            assertEquals(0, chosen.memory().liveTensors(), "the timing model must be closed");
        }
    }
}
