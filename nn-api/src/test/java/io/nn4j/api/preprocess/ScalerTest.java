package io.nn4j.api.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Split;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scalers against float64 statistics, their edge columns, inverses, and where they are fitted. */
class ScalerTest {
    private static final float[][] ROWS = {{1, 10, 5}, {2, 20, 5}, {3, 30, 5}, {6, 60, 5}};

    @Test
    void theStandardizerCentersTheMeanAndScalesThePopulationStandardDeviation() {
        Scaler scaler = Scaler.fit(Scaler.Kind.STANDARD, ROWS);
        double mean = (1 + 2 + 3 + 6) / 4.0;
        double std = Math.sqrt(((1 - mean) * (1 - mean) + (2 - mean) * (2 - mean)
                + (3 - mean) * (3 - mean) + (6 - mean) * (6 - mean)) / 4);
        assertArrayEquals(new float[] {(float) mean, (float) (10 * mean), 5}, scaler.center());
        assertArrayEquals(new float[] {(float) std, (float) (10 * std), 1}, scaler.scale(), 1e-6f);
        float[][] scaled = scaler.transform(ROWS);
        for (int j = 0; j < 2; j++) {
            double sum = 0;
            double squares = 0;
            for (float[] row : scaled) {
                sum += row[j];
                squares += row[j] * row[j];
            }
            assertEquals(0, sum / 4, 1e-6, "column " + j + " has mean 0");
            assertEquals(1, squares / 4, 1e-6, "column " + j + " has variance 1");
        }
    }

    @Test
    void aConstantColumnGetsScaleOneAndMapsToZeroInBothKinds() {
        for (Scaler.Kind kind : Scaler.Kind.values()) {
            Scaler scaler = Scaler.fit(kind, ROWS);
            assertEquals(1f, scaler.scale()[2], kind.id());
            for (float[] row : scaler.transform(ROWS)) {
                assertEquals(0f, row[2], kind.id());
            }
        }
    }

    @Test
    void minMaxMapsTheTrainingRowsOntoZeroToOne() {
        Scaler scaler = Scaler.fit(Scaler.Kind.MIN_MAX, ROWS);
        float[][] scaled = scaler.transform(ROWS);
        assertArrayEquals(new float[] {0, 0, 0}, scaled[0], 1e-6f);
        assertArrayEquals(new float[] {1, 1, 0}, scaled[3], 1e-6f);
        assertEquals(0.2f, scaled[1][0], 1e-6f);
        assertEquals(Scaler.Kind.MIN_MAX, Scaler.Kind.byId("minmax"));
        assertThrows(IllegalArgumentException.class, () -> Scaler.Kind.byId("robust"));
    }

    @Test
    void theInverseReturnsTheOriginalUnits() {
        Random random = new Random(3);
        float[][] rows = new float[50][2];
        for (float[] row : rows) {
            row[0] = 1000 + 300 * (float) random.nextGaussian();
            row[1] = -0.002f + 0.0001f * (float) random.nextGaussian();
        }
        for (Scaler.Kind kind : Scaler.Kind.values()) {
            Scaler scaler = Scaler.fit(kind, rows);
            float[][] back = scaler.inverse(scaler.transform(rows));
            for (int r = 0; r < rows.length; r++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(rows[r][j], back[r][j], 1e-5 * Math.abs(rows[r][j]),
                            kind.id() + " row " + r + " column " + j);
                }
            }
        }
    }

    @Test
    void fittedOnTheTrainingRowsTheTestRowsDoNotLeakIn() {
        float[][] features = new float[100][1];
        float[] targets = new float[100];
        for (int i = 0; i < 100; i++) {
            features[i][0] = i;
            targets[i] = i;
        }
        Split split = Split.random(Dataset.ofTargets(features, targets), 5, 0.3);
        Dataset train = split.train();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        float[] x = new float[train.size()];
        train.gather(order(train.size()), 0, train.size(), x, new float[train.size()]);
        for (float v : x) {
            sum += v;
            min = Math.min(min, v);
        }
        Scaler standard = train.fitFeatureScaler(Scaler.Kind.STANDARD);
        assertEquals((float) (sum / x.length), standard.center()[0], "the training rows' mean");
        assertNotEquals(49.5f, standard.center()[0], "not the mean of every row, test included");
        assertEquals((float) min, train.fitTargetScaler(Scaler.Kind.MIN_MAX).center()[0]);
        assertEquals(Scaler.fit(Scaler.Kind.STANDARD, x, 1), standard);
    }

    private static int[] order(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    @Test
    void badValuesAndWidthsAreRefusedNamingTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaler.of(Scaler.Kind.STANDARD, new float[] {0, Float.NaN},
                        new float[] {1, 1}));
        assertTrue(e.getMessage().contains("column 1: center is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Scaler.of(Scaler.Kind.MIN_MAX, new float[] {0, 0}, new float[] {1, 0}));
        assertTrue(e.getMessage().contains("column 1: scale is 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Scaler.fit(Scaler.Kind.STANDARD, new float[][] {{1, Float.NaN}}));
        assertTrue(e.getMessage().contains("row 0, column 1 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Scaler.fit(Scaler.Kind.STANDARD, ROWS).transform(new float[] {1, 2}));
        assertTrue(e.getMessage().contains("a row of 2 values; this scaler has 3 columns"),
                e.getMessage());
    }

    @Test
    void preprocessingChecksItsWidthsAgainstTheNetwork() {
        Scaler three = Scaler.fit(Scaler.Kind.STANDARD, ROWS);
        Preprocessing.of(three, null, List.of("no", "yes")).checkWidths(3, 1);
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.of(three, null, null).checkWidths(4, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.of(null, three, null).checkWidths(4, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.of(null, null, List.of("a", "b", "c")).checkWidths(4, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.of(null, null, List.of("a", "a")));
        assertEquals(Preprocessing.NONE, Preprocessing.of(null, null, List.of()));
    }
}
