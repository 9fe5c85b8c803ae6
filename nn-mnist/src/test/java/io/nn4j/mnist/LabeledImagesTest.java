package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.train.Dataset;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {
    private static final LabeledImages IMAGES = new LabeledImages(
            new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 2, new int[] {3, 0, 3}, 4);

    @Test
    void oneAgainstRestMarksOnlyThePositiveClass() {
        Dataset binary = IMAGES.oneAgainstRest(3);
        assertEquals(1, binary.targetCount());
        float[] features = new float[6];
        float[] targets = new float[3];
        binary.gather(new int[] {0, 1, 2}, 0, 3, features, targets);
        assertArrayEquals(new float[] {1, 0, 1}, targets);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, features);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IMAGES.oneAgainstRest(4));
        assertTrue(e.getMessage().contains("positive class 4 is not a class"), e.getMessage());
    }

    @Test
    void oneHotHasAColumnPerClass() {
        Dataset oneHot = IMAGES.oneHot();
        float[] targets = new float[4];
        oneHot.gather(new int[] {1}, 0, 1, new float[2], targets);
        assertArrayEquals(new float[] {1, 0, 0, 0}, targets);
    }

    @Test
    void firstKeepsThePrefixAndAllOfItWhenAskedForMore() {
        LabeledImages two = IMAGES.first(2);
        assertEquals(2, two.size());
        assertEquals(0, two.label(1));
        assertArrayEquals(new float[] {0.3f, 0.4f}, two.image(1));
        assertSame(IMAGES, IMAGES.first(5));
    }

    @Test
    void rejectsMismatchedSizesAndBadLabels() {
        assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(new float[5], 2, new int[] {0, 1, 2}, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(new float[4], 2, new int[] {0, 4}, 4));
        assertTrue(e.getMessage().contains("label 1 is 4; expected a class in [0, 4)"),
                e.getMessage());
    }
}
