package io.nn4j.mnist;

import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints one line per finished epoch: loss, test accuracy (or test loss for a model without an
 * accuracy), time and throughput.
 */
final class EpochReporter implements TrainingListener {
    private final PrintWriter out;
    private final int epochs;

    EpochReporter(PrintWriter out, int epochs) {
        this.out = out;
        this.epochs = epochs;
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        out.println(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f  %s  %.2f s"
                + "  %.0f examples/s", stats.epoch(), epochs, stats.trainLoss(), tested(stats),
                stats.trainSeconds(), stats.examplesPerSecond()));
        out.flush();
    }

    /**
     * The test accuracy; for a model without one (a regression, loss mean squared error) the
     * test loss; for a fit without a test set, nothing to say.
     */
    static String tested(EpochStats stats) {
        if (!Double.isNaN(stats.testAccuracy())) {
            return String.format(Locale.ROOT, "test accuracy %.4f", stats.testAccuracy());
        }
        return Double.isNaN(stats.testLoss()) ? "no test set"
                : String.format(Locale.ROOT, "test loss %.4f", stats.testLoss());
    }
}
