package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.train.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataTest {
    @TempDir
    Path dir;

    @Test
    void scalesPixelsToUnitRangeAndOneHotsLabels() throws IOException {
        byte[] pixels = {0, (byte) 255, (byte) 51, 102, 1, 2, 3, 4};
        Path images = IdxFiles.write(dir.resolve("images"),
                IdxFiles.unsignedBytes(new int[] {2, 2, 2}, pixels));
        Path labels = IdxFiles.writeGzip(dir.resolve("labels"),
                IdxFiles.unsignedBytes(new int[] {2}, new byte[] {7, 0}));
        LabeledImages read = MnistData.images(images, labels, 10);
        assertEquals(7, read.label(0));
        assertArrayEquals(new float[] {1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f}, read.image(1));
        Dataset data = read.oneHot();
        assertEquals(2, data.size());
        assertEquals(4, data.featureCount());
        assertEquals(10, data.targetCount());
        float[] features = new float[8];
        float[] targets = new float[20];
        data.gather(new int[] {0, 1}, 0, 2, features, targets);
        assertArrayEquals(new float[] {0f, 1f, 0.2f, 0.4f, 1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f},
                features, 1e-7f);
        assertEquals(1f, targets[7]);
        assertEquals(1f, targets[10]);
        assertEquals(2f, sum(targets));
    }

    @Test
    void rejectsMismatchedCounts() throws IOException {
        Path images = IdxFiles.write(dir.resolve("images"),
                IdxFiles.unsignedBytes(new int[] {3, 1, 1}, new byte[3]));
        Path labels = IdxFiles.write(dir.resolve("labels"),
                IdxFiles.unsignedBytes(new int[] {2}, new byte[2]));
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> MnistData.images(images, labels, 10));
        assertTrue(e.getMessage().startsWith(labels.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("2 labels for the 3 images"), e.getMessage());
    }

    @Test
    void rejectsLabelsThatAreNotDigits() throws IOException {
        Path images = IdxFiles.write(dir.resolve("images"),
                IdxFiles.unsignedBytes(new int[] {2, 1, 1}, new byte[2]));
        Path labels = IdxFiles.write(dir.resolve("labels"),
                IdxFiles.unsignedBytes(new int[] {2}, new byte[] {3, 10}));
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> MnistData.images(images, labels, 10));
        assertTrue(e.getMessage().contains("label 1 is 10; expected a class in [0, 9]"),
                e.getMessage());
    }

    @Test
    void loadFailsOnAMissingDirectoryNamingTheScript() {
        IOException e = assertThrows(IOException.class,
                () -> MnistData.load(DatasetKind.MNIST, dir.resolve("absent")));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-mnist.sh"), e.getMessage());
    }

    private static float sum(float[] values) {
        float total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }
}
