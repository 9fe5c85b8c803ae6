package io.nn4j.mnist;

import io.nn4j.api.train.EpochStats;
import io.nn4j.api.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows progress within each epoch: a progress bar on a terminal (examples done, examples per
 * second, time left), else a plain line at each quarter of the epoch that a later step reaches
 * (the first step starts the clock; the last is reported by the epoch's own line).
 *
 * <p>The running loss is never read during an epoch, since reading it would wait for the device
 * after each step: while an epoch runs, the bar shows the previous epoch's loss; when it ends,
 * the bar is cleared and the epoch's own line (from {@link EpochReporter}) takes its place.
 */
final class ProgressListener implements TrainingListener, AutoCloseable {
    private static final int PLAIN_LINES_PER_EPOCH = 4;
    private static final long BAR_MESSAGE_NANOS = 250_000_000L;

    private final PrintWriter out;
    private final int epochs;
    private final int trainSize;
    private final int batchSize;
    private final boolean bar;
    private ProgressBar progressBar;
    private long epochStart;
    private long lastMessage;
    private int lastQuarter;
    private String lastLoss = "loss shown after each epoch";

    /**
     * Progress of {@code epochs} epochs over {@code trainSize} examples in batches of
     * {@code batchSize}: a bar (on standard error) when {@code bar}, else lines on {@code out}.
     */
    ProgressListener(PrintWriter out, int epochs, int trainSize, int batchSize, boolean bar) {
        this.out = out;
        this.epochs = epochs;
        this.trainSize = trainSize;
        this.batchSize = batchSize;
        this.bar = bar;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
        long examples = Math.min((long) batch * batchSize, trainSize);
        if (batch == 1) {
            epochStart = System.nanoTime();
            lastQuarter = 0;
            if (bar) {
                progressBar = new ProgressBarBuilder()
                        .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                        .setInitialMax(trainSize)
                        .setUnit(" examples", 1)
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                        .setUpdateIntervalMillis(200)
                        .clearDisplayOnFinish()
                        .build();
                progressBar.setExtraMessage(lastLoss);
                lastMessage = epochStart;
            }
            return;
        }
        long now = System.nanoTime();
        double speed = (examples - Math.min(batchSize, trainSize)) / ((now - epochStart) / 1e9);
        if (bar) {
            progressBar.stepTo(examples);
            if (now - lastMessage > BAR_MESSAGE_NANOS) {
                lastMessage = now;
                progressBar.setExtraMessage(String.format(Locale.ROOT, "%.0f examples/s, %s",
                        speed, lastLoss));
            }
            return;
        }
        int quarter = (int) (examples * PLAIN_LINES_PER_EPOCH / trainSize);
        if (quarter > lastQuarter && batch < batchesPerEpoch) {
            lastQuarter = quarter;
            out.println(String.format(Locale.ROOT, "epoch %d/%d  %3d%%  %d/%d examples  %.0f"
                    + " examples/s", epoch, epochs, 100 * examples / trainSize, examples,
                    trainSize, speed));
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        lastLoss = String.format(Locale.ROOT, "loss %.4f (epoch %d)", stats.trainLoss(),
                stats.epoch());
        close();
    }

    /** Clears the bar of the epoch in progress, if any (the epoch's own line replaces it). */
    @Override
    public void close() {
        if (progressBar != null) {
            progressBar.close();
            progressBar = null;
        }
    }
}
