package io.nn4j.mnist;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads a 28 × 28 PNG as one image row like the data sets' (light ink on a dark background,
 * intensities in {@code [0, 1]}). Colour is reduced to luminance and transparency counts as
 * background; a picture with a light border (dark ink on paper) is inverted to match.
 *
 * @param pixels   the image, row-major
 * @param inverted whether the picture was inverted
 */
record PngDigit(float[] pixels, boolean inverted) {

    /**
     * Reads {@code file}.
     *
     * @throws IOException naming the file when it is missing, not an image, or not 28 × 28
     */
    static PngDigit read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such image file");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": not an image Java can read; expected a PNG");
        }
        int side = DatasetKind.SIDE;
        if (image.getWidth() != side || image.getHeight() != side) {
            throw new IOException(file + ": the image is " + image.getWidth() + " x "
                    + image.getHeight() + " pixels; expected " + side + " x " + side
                    + " like the data set's images");
        }
        float[] pixels = new float[side * side];
        double border = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int argb = image.getRGB(x, y);
                float alpha = (argb >>> 24) / 255f;
                float luminance = (0.299f * ((argb >> 16) & 0xff) + 0.587f * ((argb >> 8) & 0xff)
                        + 0.114f * (argb & 0xff)) / 255f;
                pixels[y * side + x] = alpha * luminance;
                if (x == 0 || y == 0 || x == side - 1 || y == side - 1) {
                    border += pixels[y * side + x];
                }
            }
        }
        boolean invert = border / (4 * side - 4) > 0.5;
        if (invert) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 1 - pixels[i];
            }
        }
        return new PngDigit(pixels, invert);
    }
}
