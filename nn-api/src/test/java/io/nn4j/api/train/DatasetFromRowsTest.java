package io.nn4j.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Data sets made from rows: class labels (sparse or one-hot) and float targets, in float and
 * double precision; shapes and labels refused by row before anything is copied; subsets and
 * the classes of every row.
 */
class DatasetFromRowsTest {
    private static final float[][] FEATURES = {{1, 2}, {3, 4}, {5, 6}};

    private static String refusal(Executable making) {
        return assertThrows(IllegalArgumentException.class, making).getMessage();
    }

    @Test
    void classLabelsBecomeOneClassIndexPerRow() {
        Dataset data = Dataset.ofLabels(FEATURES, new int[] {2, 0, 1}, 3);
        assertEquals(3, data.size());
        assertEquals(2, data.featureCount());
        assertEquals(1, data.targetCount());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, data.features());
        assertArrayEquals(new float[] {2, 0, 1}, data.targets());
        assertArrayEquals(new int[] {2, 0, 1}, data.classIndices());
    }

    @Test
    void oneHotTargetsFromDoubleRows() {
        Dataset data = Dataset.ofClasses(new double[][] {{0.1, 0.2}, {0.3, 0.4}},
                new int[] {1, 0}, 3);
        assertEquals(3, data.targetCount());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, data.features());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, data.targets());
        assertArrayEquals(new int[] {1, 0}, data.classIndices());
    }

    @Test
    void floatTargetsOnePerRowOrARowEach() {
        Dataset one = Dataset.ofTargets(FEATURES, new float[] {0.5f, -1, 2});
        assertArrayEquals(new float[] {0.5f, -1, 2}, one.targets());
        Dataset rows = Dataset.ofTargets(new double[][] {{1}, {2}},
                new double[][] {{0.25, 1}, {-3, 4}});
        assertEquals(1, rows.featureCount());
        assertEquals(2, rows.targetCount());
        assertArrayEquals(new float[] {0.25f, 1, -3, 4}, rows.targets());
        assertArrayEquals(new float[] {7, 8},
                Dataset.ofTargets(new double[][] {{1}, {2}}, new double[] {7, 8}).targets());
    }

    @Test
    void theRowsAreCopied() {
        float[][] features = {{1, 2}, {3, 4}};
        float[] targets = {5, 6};
        Dataset data = Dataset.ofTargets(features, targets);
        features[0][0] = 99;
        targets[1] = 99;
        assertArrayEquals(new float[] {1, 2, 3, 4}, data.features());
        assertArrayEquals(new float[] {5, 6}, data.targets());
    }

    @Test
    void badShapesAreRefusedNamingTheRow() {
        assertEquals("features row 2 has 1 value; expected 2 like row 0",
                refusal(() -> Dataset.ofLabels(new float[][] {{1, 2}, {3, 4}, {5}},
                        new int[] {0, 0, 0}, 1)));
        assertEquals("features row 1 is null; expected 2 values like row 0",
                refusal(() -> Dataset.ofTargets(new double[][] {{1, 2}, null}, new double[2])));
        assertEquals("features row 0 is empty; expected at least 1 value",
                refusal(() -> Dataset.ofClasses(new float[][] {{}}, new int[] {0}, 1)));
        assertEquals("features hold no rows; expected at least 1",
                refusal(() -> Dataset.ofTargets(new float[0][], new float[0])));
        assertEquals("targets row 1 has 3 values; expected 2 like row 0",
                refusal(() -> Dataset.ofTargets(new float[][] {{1}, {2}},
                        new float[][] {{1, 2}, {3, 4, 5}})));
    }

    @Test
    void rowCountsMustMatch() {
        assertEquals("features hold 3 rows but labels hold 2; expected one per feature row",
                refusal(() -> Dataset.ofLabels(FEATURES, new int[] {0, 1}, 2)));
        assertEquals("features hold 3 rows but targets hold 4; expected one per feature row",
                refusal(() -> Dataset.ofTargets(FEATURES, new float[4])));
        assertEquals("features hold 3 rows but targets hold 2; expected one per feature row",
                refusal(() -> Dataset.ofTargets(FEATURES, new float[][] {{1}, {2}})));
    }

    @Test
    void labelsOutsideTheClassesAreRefusedNamingTheRow() {
        assertEquals("label 1 is -1; expected a class in [0, 3)",
                refusal(() -> Dataset.ofLabels(FEATURES, new int[] {0, -1, 2}, 3)));
        assertEquals("label 2 is 3; expected a class in [0, 3)",
                refusal(() -> Dataset.ofClasses(FEATURES, new int[] {0, 1, 3}, 3)));
    }

    @Test
    void doublesBeyondFloatsRangeAreRefusedAsInfinite() {
        String message = refusal(() -> Dataset.ofTargets(new double[][] {{1}, {1e300}},
                new double[] {0, 1}));
        assertEquals("features row 1, column 0 is Infinity", message.split(";")[0]);
    }

    @Test
    void selectKeepsTheChosenRowsInTheirOrder() {
        Dataset data = Dataset.ofLabels(FEATURES, new int[] {2, 0, 1}, 3);
        Dataset picked = data.select(new int[] {2, 0, 2});
        assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6}, picked.features());
        assertArrayEquals(new float[] {1, 2, 1}, picked.targets());
        assertEquals("row 1 of the selection is 3; expected a row in [0, 3)",
                refusal(() -> data.select(new int[] {0, 3})));
        assertEquals("no rows selected; expected at least 1",
                refusal(() -> data.select(new int[0])));
    }

    @Test
    void classIndicesRefuseTargetsThatNameNoClass() {
        assertEquals("targets row 1 is 0.5; expected a class index (a whole number from 0) or "
                        + "one-hot rows",
                refusal(() -> Dataset.ofTargets(FEATURES, new float[] {1, 0.5f, 2})
                        .classIndices()));
        assertEquals("targets row 0 is not one-hot: [1.0, 1.0]; expected one 1 and the rest 0",
                refusal(() -> Dataset.ofTargets(new float[][] {{1}}, new float[][] {{1, 1}})
                        .classIndices()));
    }
}
