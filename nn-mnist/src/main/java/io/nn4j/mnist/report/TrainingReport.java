package io.nn4j.mnist.report;

import io.nn4j.api.metrics.ConfusionMatrix;
import io.nn4j.api.metrics.EpochStats;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The pictures of the folder a training run leaves behind: {@value #LOSS}, {@value #ACCURACY},
 * {@value #CONFUSION}, {@value #MISCLASSIFIED} and {@value #WEIGHTS} (the run's summary JSON,
 * {@value #SUMMARY}, goes beside them). Each file is written under a temporary name and renamed,
 * so the folder never holds a half-written one.
 *
 * <p>Not safe to share between threads: one report folder is written by one thread.
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

    private final Path dir;

    /** A report written into {@code dir} (created when missing). */
    public TrainingReport(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes every picture of the report.
     *
     * @param history       every epoch's statistics, in order
     * @param confusion     the test set's confusion matrix after training
     * @param classNames    the name of each class
     * @param mistakes      misclassified test images to show (the first 50 are drawn)
     * @param mistakeCount  how many test images were misclassified in all
     * @param weights       the first layer's weights, {@code [units, side²]} row-major
     * @param units         the first layer's number of units
     * @param side          pixels per image side
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public List<Path> write(List<EpochStats> history, ConfusionMatrix confusion,
                            List<String> classNames, List<Misclassified> mistakes,
                            int mistakeCount, float[] weights, int units, int side)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(png(LOSS, Charts.loss(history)));
        written.add(png(ACCURACY, Charts.accuracy(history)));
        written.add(png(CONFUSION, Charts.confusion(confusion, classNames)));
        written.add(png(MISCLASSIFIED, ImageGrids.mistakes(mistakes, mistakeCount, side)));
        written.add(png(WEIGHTS, ImageGrids.weights(weights, units, side)));
        return written;
    }

    private Path png(String name, RenderedImage image) throws IOException {
        Path target = dir.resolve(name);
        Path temporary = Files.createTempFile(dir, "." + name + "-", ".tmp");
        try {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer in this Java runtime; cannot write " + target);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }
}
