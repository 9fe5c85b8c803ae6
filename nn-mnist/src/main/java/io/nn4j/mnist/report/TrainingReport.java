package io.nn4j.mnist.report;

import io.nn4j.api.io.AtomicFile;
import io.nn4j.api.metrics.ConfusionMatrix;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.mnist.BackgroundTask;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pictures of the folder a training run leaves behind: {@value #LOSS}, {@value #ACCURACY},
 * {@value #CONFUSION}, {@value #MISCLASSIFIED} and {@value #WEIGHTS} (the run's summary JSON,
 * {@value #SUMMARY}, goes beside them). Each file is written whole or not at all
 * ({@link AtomicFile}), so the folder never holds a half-written one. The pictures are drawn and
 * written side by side, each on a thread of its own ({@link BackgroundTask}).
 *
 * <p>Not safe to share between threads: one report folder is written by one caller.
 */
public final class TrainingReport {
    /** Training and test loss per epoch. */
    public static final String LOSS = "loss.png";
    /** Test accuracy per epoch. */
    public static final String ACCURACY = "accuracy.png";
    /** The confusion matrix of the test set as a heat map. */
    public static final String CONFUSION = "confusion.png";
    /** A grid of misclassified test images with true and predicted classes. */
    public static final String MISCLASSIFIED = "misclassified.png";
    /** The first layer's weights, one image per hidden unit. */
    public static final String WEIGHTS = "weights.png";
    /** The name of the run's summary JSON in the folder. */
    public static final String SUMMARY = "summary.json";

    private static final Logger LOG = LoggerFactory.getLogger(TrainingReport.class);

    private final Path dir;

    /**
     * Draws a small chart and a small image grid and encodes them as PNG into nothing, on a
     * daemon thread of its own, so that the classes, fonts and code paths the report needs are
     * loaded and compiled before it is written: while the last epochs train, a spare core does
     * what would otherwise add to the run's end. Writes no file; a failure is only logged.
     */
    public static void warmUpInBackground() {
        Thread thread = new Thread(() -> {
            try {
                List<EpochStats> history = List.of(new EpochStats(1, 1, 1, 0.5, 1, 1),
                        new EpochStats(2, 0.5, 0.5, 0.75, 1, 1));
                PngEncoder.write(Charts.loss(history), OutputStream.nullOutputStream());
                PngEncoder.write(ImageGrids.weights(new float[4 * 4], 1, 4),
                        OutputStream.nullOutputStream());
            } catch (IOException | RuntimeException e) {
                LOG.debug("the report's warm-up failed; the report will draw from cold", e);
            }
        }, "nn4j-report-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** A report written into {@code dir} (created when missing). */
    public TrainingReport(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes every picture of the report. The pictures that need only the history and the
     * weights are drawn first, on threads of their own, while this thread gets the test set's
     * results from {@code testSet} (predicting it is the slow part); then the other two.
     *
     * @param history    every epoch's statistics, in order
     * @param classNames the name of each class
     * @param weights    the first layer's weights, {@code [units, side²]} row-major
     * @param units      the first layer's number of units
     * @param side       pixels per image side
     * @param testSet    the test set's results after training, asked for once
     * @return the files written, in the order of the constants above
     * @throws IOException when a file cannot be written
     */
    public List<Path> write(List<EpochStats> history, List<String> classNames, float[] weights,
                            int units, int side, Supplier<TestSetResults> testSet)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, BackgroundTask<Path>> files = new HashMap<>();
        draw(files, LOSS, () -> Charts.loss(history));
        draw(files, ACCURACY, () -> Charts.accuracy(history));
        draw(files, WEIGHTS, () -> ImageGrids.weights(weights, units, side));
        TestSetResults results = testSet.get();
        draw(files, CONFUSION, () -> Charts.confusion(results.confusion(), classNames));
        draw(files, MISCLASSIFIED, () -> ImageGrids.mistakes(results.mistakes(),
                results.mistakeCount(), side));
        List<Path> written = new ArrayList<>();
        for (String name : List.of(LOSS, ACCURACY, CONFUSION, MISCLASSIFIED, WEIGHTS)) {
            written.add(files.get(name).join());
        }
        return written;
    }

    /**
     * What the report shows of the test set after training.
     *
     * @param confusion    its confusion matrix
     * @param mistakes     misclassified images to show (the first 50 are drawn)
     * @param mistakeCount how many images were misclassified in all
     */
    public record TestSetResults(ConfusionMatrix confusion, List<Misclassified> mistakes,
                                 int mistakeCount) {
    }

    private void draw(Map<String, BackgroundTask<Path>> files, String name,
                      Callable<BufferedImage> picture) {
        files.put(name, BackgroundTask.start("nn4j-report-" + name,
                () -> png(name, picture.call())));
    }

    private Path png(String name, BufferedImage image) throws IOException {
        Path target = dir.resolve(name);
        AtomicFile.write(target, out -> PngEncoder.write(image, out));
        return target;
    }
}
