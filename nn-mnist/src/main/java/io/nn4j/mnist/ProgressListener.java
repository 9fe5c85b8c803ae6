package io.nn4j.mnist;

import io.nn4j.api.metrics.EpochStats;
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
 * <p>The running loss (the mean over the epoch's batches so far) is read about
 * {@value #LOSS_READS_PER_EPOCH} times an epoch ({@link #lossInterval}), not after every step,
 * since each read waits for the device. When the epoch ends, the bar is cleared and the epoch's
 * own line (from {@link EpochReporter}) takes its place.
 */
final class ProgressListener implements TrainingListener, AutoCloseable {
    private static final int PLAIN_LINES_PER_EPOCH = 4;
    /** About how often per epoch the trainer reads the running loss for the display. */
    static final int LOSS_READS_PER_EPOCH = 20;
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
    /** The last running loss the trainer reported this epoch; NaN before the first report. */
    private double runningLoss = Double.NaN;

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

    /** The number of steps between reads of the running loss for an epoch of this size. */
    static int lossInterval(int trainSize, int batchSize) {
        int batches = (trainSize + batchSize - 1) / batchSize;
        return Math.max(1, batches / LOSS_READS_PER_EPOCH);
    }

    @Override
    public void onRunningLoss(int epoch, int batch, double meanLoss) {
        runningLoss = meanLoss;
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
                progressBar.setExtraMessage(lossText());
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
                        speed, lossText()));
            }
            return;
        }
        int quarter = (int) (examples * PLAIN_LINES_PER_EPOCH / trainSize);
        if (quarter > lastQuarter && batch < batchesPerEpoch) {
            lastQuarter = quarter;
            out.println(String.format(Locale.ROOT, "epoch %d/%d  %3d%%  %d/%d examples  %.0f"
                    + " examples/s  %s", epoch, epochs, 100 * examples / trainSize, examples,
                    trainSize, speed, lossText()));
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        runningLoss = Double.NaN;
        close();
    }

    /**
     * The running loss for display, formatted only when shown: the trainer reports it about
     * twenty times an epoch, and code that runs that rarely stays interpreted, where a
     * {@code String.format} costs about 0.35 ms inside the timed epoch.
     */
    private String lossText() {
        return Double.isNaN(runningLoss) ? "loss after the first steps"
                : String.format(Locale.ROOT, "loss %.4f", runningLoss);
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
