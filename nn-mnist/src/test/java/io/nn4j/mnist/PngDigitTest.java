package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngDigitTest {
    @TempDir
    Path dir;

    @Test
    void readsLightInkOnDarkAsIs() throws IOException {
        PngDigit digit = stroke("light-on-dark.png", 0x000000, 0xffffff, false);
        assertEquals(0f, digit.pixels()[0], 1e-6f);
    }

    @Test
    void invertsDarkInkOnLight() throws IOException {
        PngDigit digit = stroke("dark-on-light.png", 0xffffff, 0x000000, true);
        assertEquals(0f, digit.pixels()[27], 1e-6f);
    }

    /** Reads a 28-pixel stroke image: it reports {@code inverted}, and the stroke is full ink. */
    private PngDigit stroke(String name, int background, int ink, boolean inverted)
            throws IOException {
        PngDigit digit = PngDigit.read(png(name, 28, background, ink));
        assertEquals(inverted, digit.inverted());
        assertEquals(1f, digit.pixels()[10 * 28 + 14], 1e-6f);
        return digit;
    }

    @Test
    void turnsColourIntoLuminance() throws IOException {
        PngDigit digit = PngDigit.read(png("green.png", 28, 0x000000, 0x00ff00));
        assertEquals(0.587f, digit.pixels()[10 * 28 + 14], 1e-3f);
    }

    @Test
    void rejectsOtherSizesNamingBoth() throws IOException {
        Path file = png("big.png", 32, 0, 0xffffff);
        IOException e = assertThrows(IOException.class, () -> PngDigit.read(file));
        assertTrue(e.getMessage().contains("32 x 32 pixels; expected 28 x 28"), e.getMessage());
    }

    @Test
    void rejectsFilesThatAreNotImages() throws IOException {
        Path file = Files.writeString(dir.resolve("text.png"), "not a picture");
        IOException e = assertThrows(IOException.class, () -> PngDigit.read(file));
        assertTrue(e.getMessage().contains("not an image"), e.getMessage());
    }

    /** A square PNG of {@code background} with a vertical stroke of {@code ink} in column 14. */
    private Path png(String name, int side, int background, int ink) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, x == 14 && y > 4 && y < 20 ? ink : background);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
