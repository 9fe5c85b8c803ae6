package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.metrics.EpochStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    @Test
    void plainModePrintsAQuarterLineThreeTimesPerEpoch() {
        StringWriter text = new StringWriter();
        try (ProgressListener progress = new ProgressListener(new PrintWriter(text), 2, 1000, 64,
                false)) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                for (int batch = 1; batch <= 16; batch++) {
                    progress.onBatchEnd(epoch, batch, 16);
                    if (batch == 3) {
                        progress.onRunningLoss(epoch, batch, 2.0 / epoch);
                    }
                }
                progress.onEpochEnd(new EpochStats(epoch, 0.5, 0.4, 0.9, 1, 1000));
            }
        }
        List<String> lines = text.toString().lines().toList();
        assertEquals(6, lines.size(), text.toString());
        assertTrue(lines.get(0).startsWith("epoch 1/2   25%  256/1000 examples  "), lines.get(0));
        assertTrue(lines.get(1).startsWith("epoch 1/2   51%  512/1000 examples  "), lines.get(1));
        assertTrue(lines.get(2).startsWith("epoch 1/2   76%  768/1000 examples  "), lines.get(2));
        assertTrue(lines.get(5).startsWith("epoch 2/2   76%"), lines.get(5));
        assertTrue(lines.get(0).endsWith(" examples/s  loss 2.0000"), lines.get(0));
        assertTrue(lines.get(5).endsWith(" examples/s  loss 1.0000"), lines.get(5));
    }

    @Test
    void theLossIsReadAboutTwentyTimesAnEpoch() {
        assertEquals(46, ProgressListener.lossInterval(60_000, 64));
        assertEquals(1, ProgressListener.lossInterval(100, 64));
    }

    @Test
    void aSmallEpochPrintsNoLineBeforeItsEnd() {
        StringWriter text = new StringWriter();
        try (ProgressListener progress = new ProgressListener(new PrintWriter(text), 1, 100, 64,
                false)) {
            progress.onBatchEnd(1, 1, 2);
            progress.onBatchEnd(1, 2, 2);
        }
        assertEquals("", text.toString());
    }
}
