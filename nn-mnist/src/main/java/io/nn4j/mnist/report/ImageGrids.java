package io.nn4j.mnist.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws grids of square images with plain {@link BufferedImage}s: misclassified test images with
 * their labels, and the first layer's weights, one picture per hidden unit. Every grid has a fixed
 * size; cells without an image stay grey.
 */
final class ImageGrids {
    /** Images per row of the misclassified grid. */
    static final int MISTAKE_COLUMNS = 10;
    /** Rows of the misclassified grid. */
    static final int MISTAKE_ROWS = 5;
    /** Units per row (and rows) of the weights grid. */
    static final int WEIGHT_COLUMNS = 8;

    private static final int SCALE = 3;
    private static final int MARGIN = 10;
    private static final int HEADER = 34;
    private static final int MISTAKE_CELL_WIDTH = 116;
    private static final int LABEL_HEIGHT = 32;
    private static final int WEIGHT_GAP = 6;
    private static final Color EMPTY = new Color(0xe0e0e0);
    private static final Color NEGATIVE = new Color(0x2166ac);
    private static final Color POSITIVE = new Color(0xb2182b);

    private ImageGrids() {
    }

    /** Width of the misclassified grid for images of {@code side} pixels. */
    static int mistakesWidth(int side) {
        return 2 * MARGIN + MISTAKE_COLUMNS * Math.max(MISTAKE_CELL_WIDTH, side * SCALE);
    }

    /** Height of the misclassified grid for images of {@code side} pixels. */
    static int mistakesHeight(int side) {
        return HEADER + MISTAKE_ROWS * (side * SCALE + LABEL_HEIGHT) + MARGIN;
    }

    /** Width of the weights grid for images of {@code side} pixels. */
    static int weightsWidth(int side) {
        return 2 * MARGIN + WEIGHT_COLUMNS * (side * SCALE + WEIGHT_GAP) - WEIGHT_GAP;
    }

    /** Height of the weights grid for images of {@code side} pixels. */
    static int weightsHeight(int side) {
        return HEADER + WEIGHT_COLUMNS * (side * SCALE + WEIGHT_GAP) - WEIGHT_GAP + MARGIN;
    }

    /**
     * Up to {@value #MISTAKE_COLUMNS} × {@value #MISTAKE_ROWS} misclassified images, dark on
     * white, each with its true and predicted class; {@code total} is how many there were.
     */
    static BufferedImage mistakes(List<Misclassified> shown, int total, int side) {
        BufferedImage image = new BufferedImage(mistakesWidth(side), mistakesHeight(side),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        int shownCount = Math.min(shown.size(), MISTAKE_COLUMNS * MISTAKE_ROWS);
        title(g, String.format(Locale.ROOT, "Misclassified test images: %d of %d shown"
                + " (true class, then the network's prediction in red)", shownCount, total));
        int cellWidth = Math.max(MISTAKE_CELL_WIDTH, side * SCALE);
        int cellHeight = side * SCALE + LABEL_HEIGHT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int cell = 0; cell < MISTAKE_COLUMNS * MISTAKE_ROWS; cell++) {
            int x = MARGIN + (cell % MISTAKE_COLUMNS) * cellWidth + (cellWidth - side * SCALE) / 2;
            int y = HEADER + (cell / MISTAKE_COLUMNS) * cellHeight;
            if (cell >= shownCount) {
                g.setColor(EMPTY);
                g.fillRect(x, y, side * SCALE, side * SCALE);
                continue;
            }
            Misclassified mistake = shown.get(cell);
            float[] pixels = mistake.pixels();
            for (int p = 0; p < side * side; p++) {
                int grey = Math.round(255 * (1 - clamp(pixels[p], 0, 1)));
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(x + (p % side) * SCALE, y + (p / side) * SCALE, SCALE, SCALE);
            }
            int textX = MARGIN + (cell % MISTAKE_COLUMNS) * cellWidth + 4;
            g.setColor(Color.BLACK);
            g.drawString("true: " + mistake.actual(), textX, y + side * SCALE + 13);
            g.setColor(POSITIVE);
            g.drawString("pred: " + mistake.predicted(), textX, y + side * SCALE + 27);
        }
        g.dispose();
        return image;
    }

    /**
     * The weights of the first {@value #WEIGHT_COLUMNS}² units of a layer whose inputs are
     * {@code side × side} images: {@code weights} is {@code [units, side²]} row-major. Each unit
     * is scaled by its own largest magnitude: red positive, white zero, blue negative.
     */
    static BufferedImage weights(float[] weights, int units, int side) {
        BufferedImage image = new BufferedImage(weightsWidth(side), weightsHeight(side),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        int shown = Math.min(units, WEIGHT_COLUMNS * WEIGHT_COLUMNS);
        title(g, String.format(Locale.ROOT, "First-layer weights of %d of %d units"
                + " (red positive, blue negative)", shown, units));
        int pitch = side * SCALE + WEIGHT_GAP;
        int inputs = side * side;
        for (int unit = 0; unit < WEIGHT_COLUMNS * WEIGHT_COLUMNS; unit++) {
            int x = MARGIN + (unit % WEIGHT_COLUMNS) * pitch;
            int y = HEADER + (unit / WEIGHT_COLUMNS) * pitch;
            if (unit >= shown) {
                g.setColor(EMPTY);
                g.fillRect(x, y, side * SCALE, side * SCALE);
                continue;
            }
            float largest = 1e-12f;
            for (int i = 0; i < inputs; i++) {
                largest = Math.max(largest, Math.abs(weights[unit * inputs + i]));
            }
            for (int i = 0; i < inputs; i++) {
                g.setColor(diverging(weights[unit * inputs + i] / largest));
                g.fillRect(x + (i % side) * SCALE, y + (i / side) * SCALE, SCALE, SCALE);
            }
        }
        g.dispose();
        return image;
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    private static void title(Graphics2D g, String text) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(text, MARGIN, HEADER - 12);
    }

    /** White at 0, shading to blue at −1 and red at +1. */
    private static Color diverging(float value) {
        float v = clamp(value, -1, 1);
        Color end = v < 0 ? NEGATIVE : POSITIVE;
        float t = Math.abs(v);
        return new Color(Math.round(255 + t * (end.getRed() - 255)),
                Math.round(255 + t * (end.getGreen() - 255)),
                Math.round(255 + t * (end.getBlue() - 255)));
    }

    private static float clamp(float value, float low, float high) {
        return Math.max(low, Math.min(high, value));
    }
}
