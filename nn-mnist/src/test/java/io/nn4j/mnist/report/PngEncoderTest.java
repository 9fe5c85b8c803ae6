package io.nn4j.mnist.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the encoder writes, read back by ImageIO's PNG reader: the same pixels, every one. */
class PngEncoderTest {

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
        BufferedImage.TYPE_3BYTE_BGR})
    void imageIoReadsBackEveryPixel(int type) throws IOException {
        BufferedImage image = new BufferedImage(37, 23, type);
        Random random = new Random(7);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xff000000 | random.nextInt(1 << 24));
            }
        }
        BufferedImage read = roundTrip(image);
        assertEquals(image.getWidth(), read.getWidth());
        assertEquals(image.getHeight(), read.getHeight());
        assertArrayEquals(rgb(image), rgb(read));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aFlatImageOfOnePixelRowOrColumnReadsBack(int side) throws IOException {
        BufferedImage image = new BufferedImage(side, 3 - side, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x80ff01);
        assertArrayEquals(rgb(image), rgb(roundTrip(image)));
    }

    private static BufferedImage roundTrip(BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        PngEncoder.write(image, png);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertNotNull(read, "ImageIO could not read the PNG");
        return read;
    }

    private static int[] rgb(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0,
                image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xffffff;
        }
        return pixels;
    }
}
