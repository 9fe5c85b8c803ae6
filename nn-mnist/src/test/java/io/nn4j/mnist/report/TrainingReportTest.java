package io.nn4j.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.metrics.ConfusionMatrix;
import io.nn4j.api.metrics.EpochStats;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's pictures from made-up inputs: each a readable PNG of its size, not blank. */
class TrainingReportTest {
    private static final int SIDE = 28;

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesEveryPictureAtItsSize() throws IOException {
        List<Path> written = write(dir, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                3, 12, 128);
        assertEquals(List.of(TrainingReport.LOSS, TrainingReport.ACCURACY,
                TrainingReport.CONFUSION, TrainingReport.MISCLASSIFIED, TrainingReport.WEIGHTS),
                written.stream().map(p -> p.getFileName().toString()).toList());
        assertPicture(TrainingReport.LOSS, 800, 500);
        assertPicture(TrainingReport.ACCURACY, 800, 500);
        assertPicture(TrainingReport.CONFUSION, 800, 700);
        assertPicture(TrainingReport.MISCLASSIFIED, 1180, 624);
        assertPicture(TrainingReport.WEIGHTS, 734, 758);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(5, files.count(), "no temporary files may be left");
        }
    }

    @Test
    void picturesKeepTheirSizeWithOneEpochFewMistakesAndFewUnits() throws IOException {
        write(dir, List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                "Shirt", "Sneaker", "Bag", "Ankle boot"), 1, 2, 16);
        assertPicture(TrainingReport.LOSS, 800, 500);
        assertPicture(TrainingReport.CONFUSION, 800, 700);
        assertPicture(TrainingReport.MISCLASSIFIED, 1180, 624);
        assertPicture(TrainingReport.WEIGHTS, 734, 758);
    }

    @Test
    void misclassifiedImagesAreDrawnDarkOnWhite() throws IOException {
        write(dir, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 2, 1, 4);
        BufferedImage grid = ImageIO.read(dir.resolve(TrainingReport.MISCLASSIFIED).toFile());
        // the first cell's image starts 34 px down and is centred in a 116 px cell: ink is black
        int inkX = 10 + (116 - 84) / 2 + 14 * 3 + 1;
        int inkY = 34 + 14 * 3 + 1;
        assertEquals(0x000000, grid.getRGB(inkX, inkY) & 0xffffff);
        assertEquals(0xffffff, grid.getRGB(inkX - 14 * 3 + 1, inkY) & 0xffffff);
    }

    private static List<Path> write(Path dir, List<String> names, int epochs, int mistakeCount,
                                    int units) throws IOException {
        Random random = new Random(7);
        List<EpochStats> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            history.add(new EpochStats(e, 1.0 / e, 0.8 / e, 0.9 + 0.01 * e, 1.5, 40000));
        }
        ConfusionMatrix confusion = new ConfusionMatrix(10);
        for (int i = 0; i < 1000; i++) {
            int actual = i % 10;
            confusion.add(actual, random.nextInt(10) == 0 ? random.nextInt(10) : actual);
        }
        List<Misclassified> mistakes = new ArrayList<>();
        for (int i = 0; i < mistakeCount; i++) {
            float[] pixels = new float[SIDE * SIDE];
            for (int row = 4; row < 24; row++) {
                pixels[row * SIDE + 14] = 1f;
            }
            mistakes.add(new Misclassified(pixels, names.get(i % 10), names.get((i + 1) % 10)));
        }
        float[] weights = new float[units * SIDE * SIDE];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        TrainingReport.TestSetResults results = new TrainingReport.TestSetResults(confusion,
                mistakes, mistakeCount);
        return new TrainingReport(dir).write(history, names, weights, units, SIDE,
                () -> results);
    }

    private void assertPicture(String name, int width, int height) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(Files.size(file) > 1000, name + " is " + Files.size(file) + " bytes");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, name + " is not a readable image");
        assertEquals(width, image.getWidth(), name + " width");
        assertEquals(height, image.getHeight(), name + " height");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y += 7) {
            for (int x = 0; x < width; x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 3, name + " looks blank: " + colours.size() + " colours");
    }
}
