package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.train.Dataset;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {
    /** Intensities 0, 51, 102, 153, 204 and 255: pixel values 0, 0.2, 0.4, 0.6, 0.8 and 1. */
    private static final LabeledImages IMAGES = new LabeledImages(
            new byte[] {0, 51, 102, (byte) 153, (byte) 204, (byte) 255}, 2, new int[] {3, 0, 3},
            4);
    private static final float[] PIXELS = {0, 51 / 255f, 102 / 255f, 153 / 255f, 204 / 255f, 1};

    @Test
    void oneAgainstRestMarksOnlyThePositiveClass() {
        Dataset binary = IMAGES.oneAgainstRest(3);
        assertEquals(1, binary.targetCount());
        float[] features = new float[6];
        float[] targets = new float[3];
        binary.gather(new int[] {0, 1, 2}, 0, 3, features, targets);
        assertArrayEquals(new float[] {1, 0, 1}, targets);
        assertArrayEquals(PIXELS, features, "intensities over 255, bit for bit");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IMAGES.oneAgainstRest(4));
        assertTrue(e.getMessage().contains("positive class 4 is not a class"), e.getMessage());
    }

    @Test
    void oneHotHasAColumnPerClass() {
        Dataset oneHot = IMAGES.oneHot();
        float[] features = new float[2];
        float[] targets = new float[4];
        oneHot.gather(new int[] {2}, 0, 1, features, targets);
        assertArrayEquals(new float[] {0, 0, 0, 1}, targets);
        assertArrayEquals(new float[] {PIXELS[4], PIXELS[5]}, features);
    }

    @Test
    void firstKeepsThePrefixAndAllOfItWhenAskedForMore() {
        LabeledImages two = IMAGES.first(2);
        assertEquals(2, two.size());
        assertEquals(0, two.label(1));
        assertArrayEquals(new float[] {PIXELS[2], PIXELS[3]}, two.image(1));
        assertSame(IMAGES, IMAGES.first(5));
    }

    @Test
    void rejectsMismatchedSizesAndBadLabels() {
        assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(new byte[5], 2, new int[] {0, 1, 2}, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(new byte[4], 2, new int[] {0, 4}, 4));
        assertTrue(e.getMessage().contains("label 1 is 4; expected a class in [0, 4)"),
                e.getMessage());
    }
}
