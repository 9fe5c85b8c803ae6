package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nn4j.api.metrics.EpochStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The epoch line says the test accuracy only where there is one. */
class EpochReporterTest {

    private static String line(EpochStats stats) {
        StringWriter text = new StringWriter();
        new EpochReporter(new PrintWriter(text), 3).onEpochEnd(stats);
        return text.toString().strip();
    }

    @Test
    void aClassifierShowsItsTestAccuracy() {
        assertEquals("epoch 1/3  train loss 0.5000  test accuracy 0.9000  2.00 s  500 examples/s",
                line(new EpochStats(1, 0.5, 0.4, 0.9, 2, 500)));
    }

    @Test
    void aRegressionModelShowsItsTestLossAndNoAccuracy() {
        assertEquals("epoch 2/3  train loss 0.5000  test loss 0.4000  2.00 s  500 examples/s",
                line(new EpochStats(2, 0.5, 0.4, Double.NaN, 2, 500)));
    }

    @Test
    void aFitWithoutATestSetSaysSo() {
        assertEquals("epoch 3/3  train loss 0.5000  no test set  2.00 s  500 examples/s",
                line(new EpochStats(3, 0.5, Double.NaN, Double.NaN, 2, 500)));
    }
}
