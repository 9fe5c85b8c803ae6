package io.nn4j.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Seeded splits: random ones are disjoint and cover every row, stratified ones keep each
 * class's share in every part (within one row), both repeat bit for bit for a seed; too small
 * classes go to training; bad fractions and regression targets are refused.
 */
class SplitTest {
    /** Class sizes of the imbalanced data set: 50, 30, 7 and 3 rows, the classes interleaved. */
    private static final int[] CLASS_SIZES = {50, 30, 7, 3};

    /** Row {@code i} has the single feature {@code i}, so a part's features name its rows. */
    private static Dataset numbered(int[] labels, int classes) {
        float[][] features = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            features[i] = new float[] {i};
        }
        return Dataset.ofLabels(features, labels, classes);
    }

    private static int[] imbalancedLabels() {
        int[] left = CLASS_SIZES.clone();
        int rows = Arrays.stream(CLASS_SIZES).sum();
        int[] labels = new int[rows];
        int c = 0;
        for (int i = 0; i < rows; i++) {
            while (left[c % left.length] == 0) {
                c++;
            }
            labels[i] = c % left.length;
            left[c % left.length]--;
            c++;
        }
        return labels;
    }

    private static List<Dataset> parts(Split split) {
        return split.validation().isPresent()
                ? List.of(split.train(), split.validation().get(), split.test())
                : List.of(split.train(), split.test());
    }

    private static void assertDisjointAndCovering(Split split, int rows) {
        int[] seen = parts(split).stream()
                .flatMapToInt(part -> IntStream.range(0, part.size())
                        .map(i -> (int) part.features()[i]))
                .sorted().toArray();
        assertArrayEquals(IntStream.range(0, rows).toArray(), seen,
                "every row in exactly one part");
    }

    private static int count(Dataset part, int classIndex) {
        return (int) Arrays.stream(part.classIndices()).filter(c -> c == classIndex).count();
    }

    @Test
    void randomSplitsAreDisjointCoverEveryRowAndKeepTheFractions() {
        Dataset data = numbered(new int[103], 1);
        Split split = Split.random(data, 7, 0.2, 0.1);
        assertDisjointAndCovering(split, 103);
        assertEquals(21, split.test().size());
        assertEquals(10, split.validation().orElseThrow().size());
        assertEquals(72, split.train().size());
        Split twoParts = Split.random(data, 7, 0.25);
        assertFalse(twoParts.validation().isPresent());
        assertDisjointAndCovering(twoParts, 103);
        assertEquals(26, twoParts.test().size());
    }

    @Test
    void aSeedGivesTheSameSplitBitForBit() {
        Dataset data = numbered(imbalancedLabels(), CLASS_SIZES.length);
        for (boolean stratified : new boolean[] {false, true}) {
            Split first = stratified ? Split.stratified(data, 42, 0.2, 0.2)
                    : Split.random(data, 42, 0.2, 0.2);
            Split again = stratified ? Split.stratified(data, 42, 0.2, 0.2)
                    : Split.random(data, 42, 0.2, 0.2);
            Split otherSeed = stratified ? Split.stratified(data, 43, 0.2, 0.2)
                    : Split.random(data, 43, 0.2, 0.2);
            for (int p = 0; p < 3; p++) {
                assertArrayEquals(parts(first).get(p).features(), parts(again).get(p).features());
                assertArrayEquals(parts(first).get(p).targets(), parts(again).get(p).targets());
            }
            assertFalse(Arrays.equals(first.test().features(), otherSeed.test().features()),
                    "another seed draws other rows");
        }
    }

    @Test
    void stratifiedSplitsKeepEveryClassShareWithinOneRow() {
        int[] labels = imbalancedLabels();
        Dataset data = numbered(labels, CLASS_SIZES.length);
        double test = 0.2;
        double validation = 0.15;
        Split split = Split.stratified(data, 5, test, validation);
        assertDisjointAndCovering(split, labels.length);
        double[] fractions = {1 - test - validation, validation, test};
        for (int c = 0; c < CLASS_SIZES.length; c++) {
            for (int p = 0; p < 3; p++) {
                double expected = CLASS_SIZES[c] * fractions[p];
                int actual = count(parts(split).get(p), c);
                assertTrue(Math.abs(actual - expected) <= 1, "class " + c + " in part " + p
                        + ": " + actual + " rows, expected about " + expected);
            }
        }
    }

    @Test
    void oneHotTargetsAreStratifiedByTheirHotColumn() {
        float[][] features = new float[40][];
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) {
            features[i] = new float[] {i};
            labels[i] = i < 30 ? 0 : 1;
        }
        Split split = Split.stratified(Dataset.ofClasses(features, labels, 2), 3, 0.5);
        assertEquals(15, count(split.test(), 0));
        assertEquals(5, count(split.test(), 1));
    }

    @Test
    void aClassWithFewerRowsThanPartsGoesToTraining() {
        int[] labels = new int[32];
        labels[5] = 1;
        labels[20] = 1;
        Split split = Split.stratified(numbered(labels, 2), 9, 0.2, 0.2);
        assertEquals(2, count(split.train(), 1));
        assertEquals(0, count(split.test(), 1));
        assertEquals(0, count(split.validation().orElseThrow(), 1));
        assertDisjointAndCovering(split, 32);
    }

    @Test
    void everyPartAskedForGetsARowWhenThereAreEnough() {
        Split split = Split.random(numbered(new int[3], 1), 1, 0.1, 0.1);
        assertEquals(1, split.train().size());
        assertEquals(1, split.validation().orElseThrow().size());
        assertEquals(1, split.test().size());
    }

    @Test
    void badFractionsTooFewRowsAndRegressionTargetsAreRefused() {
        Dataset data = numbered(new int[10], 1);
        for (double[] fractions : new double[][] {{0, 0}, {1, 0}, {0.5, 0.5}, {Double.NaN, 0},
                {0.2, -0.1}}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> Split.random(data, 1, fractions[0], fractions[1])).getMessage();
            assertTrue(message.endsWith("; expected a test fraction in (0, 1), a validation "
                    + "fraction in [0, 1) and a sum below 1, leaving rows to train on"), message);
        }
        assertEquals("splitting 2 rows with test fraction 0.2 and validation fraction 0.2 leaves "
                        + "the validation set empty; expected at least one row in every part",
                assertThrows(IllegalArgumentException.class,
                        () -> Split.random(numbered(new int[2], 1), 1, 0.2, 0.2)).getMessage());
        Dataset regression = Dataset.ofTargets(new float[][] {{1}, {2}}, new float[] {0.5f, 1});
        assertEquals("a stratified split needs class targets: targets row 0 is 0.5; expected a "
                        + "class index (a whole number from 0) or one-hot rows",
                assertThrows(IllegalArgumentException.class,
                        () -> Split.stratified(regression, 1, 0.5)).getMessage());
    }
}
