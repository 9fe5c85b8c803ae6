package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST as Debian's {@code dataset-fashion-mnist} installs it (see
 * {@code scripts/fetch-fashion-mnist.sh}): verified, read by the same IDX reader, trained for one
 * epoch and classified with its class names. Missing data fails the test, never skips it.
 */
class FashionMnistIT {
    @TempDir
    Path dir;

    @Test
    void trainsAndNamesItsClasses() throws IOException {
        MnistData data;
        try {
            data = MnistData.load(DatasetKind.FASHION, DatasetKind.FASHION.defaultDir());
        } catch (IOException e) {
            fail("Fashion-MNIST is not ready: " + e.getMessage(), e);
            return;
        }
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(784, data.test().pixelsPerImage());
        assertEquals(9, data.test().label(0));

        Path model = dir.resolve("fashion.nn4j");
        String train = DemoRun.of("train", "--dataset", "fashion", "--backend", "cpu", "--epochs",
                "1", "--no-report", "--save-model", model.toString()).succeeded();
        assertTrue(train.contains("data: fashion, 60000 training and 10000 test images"), train);
        assertTrue(train.contains("final test accuracy 0.8"), train);
        String predict = DemoRun.of("predict", "--dataset", "fashion", "--model",
                model.toString(), "--index", "0").succeeded();
        assertTrue(predict.contains("image: test image 0 of fashion, true class Ankle boot"),
                predict);
        assertTrue(predict.contains("Ankle boot  0."), predict);
        assertTrue(predict.contains("T-shirt/top  0."), predict);
    }
}
