package io.nn4j.mnist.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes an image as a PNG file: 8-bit RGB, not interlaced, each row under PNG's {@code Sub}
 * filter (the difference from the pixel to its left, which turns a chart's flat areas into runs
 * of zeros), compressed by zlib at its default level, in one {@code IDAT} chunk. Written by hand
 * rather than through ImageIO: its PNG writer tries every filter on every row in Java, which
 * in a JVM that has just started costs about a tenth of a second per picture of the report,
 * several times what drawing it costs.
 *
 * <p>Stateless: safe to call from any thread.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int BIT_DEPTH = 8;
    private static final int COLOR_TYPE_RGB = 2;
    private static final int FILTER_SUB = 1;
    private static final int BYTES_PER_PIXEL = 3;

    private PngEncoder() {
    }

    /** Writes {@code image}, its alpha dropped, to {@code out} as a PNG file. */
    static void write(BufferedImage image, OutputStream out) throws IOException {
        BufferedImage rgb = asIntRgb(image);
        int width = rgb.getWidth();
        int height = rgb.getHeight();
        DataOutputStream file = new DataOutputStream(out);
        file.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream fields = new DataOutputStream(header);
        fields.writeInt(width);
        fields.writeInt(height);
        fields.write(new byte[] {BIT_DEPTH, COLOR_TYPE_RGB, 0, 0, 0});
        chunk(file, "IHDR", header.toByteArray());
        chunk(file, "IDAT", compressedRows(rgb, width, height));
        chunk(file, "IEND", new byte[0]);
        file.flush();
    }

    /** The image itself when it is {@code TYPE_INT_RGB}, else a copy drawn into one. */
    private static BufferedImage asIntRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = copy.createGraphics();
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return copy;
    }

    /** Every row as its filter byte and its {@code Sub}-filtered bytes, zlib-compressed. */
    private static byte[] compressedRows(BufferedImage rgb, int width, int height)
            throws IOException {
        int[] pixels = new int[width];
        byte[] row = new byte[1 + width * BYTES_PER_PIXEL];
        row[0] = FILTER_SUB;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, deflater,
                row.length)) {
            for (int y = 0; y < height; y++) {
                rgb.getRaster().getDataElements(0, y, width, 1, pixels);
                int left = 0;
                for (int x = 0; x < width; x++) {
                    int pixel = pixels[x];
                    int at = 1 + x * BYTES_PER_PIXEL;
                    row[at] = (byte) ((pixel >> 16) - (left >> 16));
                    row[at + 1] = (byte) ((pixel >> 8) - (left >> 8));
                    row[at + 2] = (byte) (pixel - left);
                    left = pixel;
                }
                zlib.write(row);
            }
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    /** One chunk: the data's length, the type, the data and the CRC-32 of type and data. */
    private static void chunk(DataOutputStream file, String type, byte[] data)
            throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        file.writeInt(data.length);
        file.write(name);
        file.write(data);
        file.writeInt((int) crc.getValue());
    }
}
