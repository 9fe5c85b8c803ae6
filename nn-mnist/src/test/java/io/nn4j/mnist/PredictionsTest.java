package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Predictions in batches of a thousand, the last one shorter: each image's outputs as when it
 * is predicted on its own, and no tensor left open.
 */
class PredictionsTest {
    private static final int PIXELS = 6;
    private static final int CLASSES = 3;

    @Test
    void everyBatchTheLastShorterOneIncludedGivesEachImagesOwnOutputs() {
        int count = 2 * Predictions.BATCH + 3;
        Random random = new Random(11);
        byte[] pixels = new byte[count * PIXELS];
        random.nextBytes(pixels);
        LabeledImages images = new LabeledImages(pixels, PIXELS, new int[count], CLASSES);
        try (Backend cpu = Backends.load("cpu");
             Sequential model = Sequential.builder(PIXELS).dense(5, Activation.TANH)
                     .dense(CLASSES, Activation.SOFTMAX).build(cpu, 5)) {
            float[] outputs = Predictions.outputs(model, images);
            long live = cpu.memory().liveTensors();
            int[] classes = Predictions.classes(model, images);
            assertEquals(live, cpu.memory().liveTensors(), "a second pass leaves no tensor open");
            float[] one = new float[PIXELS];
            for (int i : new int[] {0, Predictions.BATCH - 1, Predictions.BATCH, count - 1}) {
                images.copyPixels(i, 1, one);
                float[] alone = predictOne(cpu, model, one);
                for (int c = 0; c < CLASSES; c++) {
                    assertEquals(alone[c], outputs[i * CLASSES + c], 1e-6, "image " + i);
                }
            }
            assertArrayEquals(Predictions.argmax(outputs, CLASSES), classes);
        }
    }

    private static float[] predictOne(Backend backend, Sequential model, float[] image) {
        try (Tensor input = backend.zeros(Shape.matrix(1, PIXELS));
             Tensor output = backend.zeros(Shape.matrix(1, CLASSES))) {
            backend.copyIn(image, 0, input);
            model.predict(input, output);
            return backend.toArray(output);
        }
    }
}
