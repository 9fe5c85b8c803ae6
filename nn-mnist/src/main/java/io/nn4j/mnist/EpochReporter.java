package io.nn4j.mnist;

import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints one line per finished epoch: loss, test accuracy, time and throughput. */
final class EpochReporter implements TrainingListener {
    private final PrintWriter out;
    private final int epochs;

    EpochReporter(PrintWriter out, int epochs) {
        this.out = out;
        this.epochs = epochs;
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        out.println(String.format(Locale.ROOT,
                "epoch %d/%d  train loss %.4f  test accuracy %.4f  %.2f s  %.0f examples/s",
                stats.epoch(), epochs, stats.trainLoss(), stats.testAccuracy(),
                stats.trainSeconds(), stats.examplesPerSecond()));
        out.flush();
    }
}
