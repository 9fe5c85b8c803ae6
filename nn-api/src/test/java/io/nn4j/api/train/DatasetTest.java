package io.nn4j.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A data set refuses NaN and infinities where it is made, unless told not to. */
class DatasetTest {

    private static float[] ramp(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * 0.25f;
        }
        return values;
    }

    @Test
    void aNaNFeatureIsRefusedByRowAndColumn() {
        float[] features = ramp(12);
        features[7] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(features, 3, new float[] {0, 1, 0, 1}, 1));
        assertEquals("features row 2, column 1 is NaN; a data set holds finite values only "
                + "(Dataset.allowingNonFinite skips this check)", e.getMessage());
    }

    @Test
    void infiniteFeaturesAndTargetsAreRefused() {
        float[] features = ramp(6);
        features[5] = Float.NEGATIVE_INFINITY;
        IllegalArgumentException inFeatures = assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofClasses(features, 2, new int[] {0, 1, 1}, 2));
        assertEquals("features row 2, column 1 is -Infinity",
                inFeatures.getMessage().split(";")[0]);
        float[] targets = {0, 0, 1, Float.POSITIVE_INFINITY, 0, 1};
        IllegalArgumentException inTargets = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(ramp(6), 2, targets, 2));
        assertEquals("targets row 1, column 1 is Infinity", inTargets.getMessage().split(";")[0]);
    }

    @Test
    void sparseLabelsRefuseNaNFeaturesToo() {
        float[] features = ramp(4);
        features[0] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofLabels(features, 2, new int[] {0, 1}, 2));
        assertEquals("features row 0, column 0 is NaN", e.getMessage().split(";")[0]);
    }

    @Test
    void theOptOutKeepsNonFiniteValuesAndStillChecksShapes() {
        float[] features = ramp(6);
        features[4] = Float.NaN;
        float[] targets = {1, Float.NaN, 0};
        Dataset data = Dataset.allowingNonFinite(features, 2, targets, 1);
        assertEquals(3, data.size());
        int[] order = {2, 0, 1};
        assertEquals("features row 2, column 0 is NaN", data.describeNonFinite(order, 0, 1));
        assertNull(data.describeNonFinite(order, 1, 1));
        assertEquals("targets row 1, column 0 is NaN", data.describeNonFinite(order, 1, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.allowingNonFinite(features, 4, targets, 1));
    }

    @Test
    void byteFeaturesReadAsTheirQuotientsAndSelectAsBytes() {
        byte[] bytes = {0, 51, (byte) 128, (byte) 255, 7, 9};
        Dataset data = Dataset.ofUnsignedBytes(bytes, 2, 255f, new float[] {1, 2, 3}, 1);
        float[] features = new float[4];
        float[] targets = new float[2];
        data.gather(new int[] {1, 0}, 0, 2, features, targets);
        assertArrayEquals(new float[] {128 / 255f, 1f, 0f, 51 / 255f}, features);
        assertArrayEquals(new float[] {2, 1}, targets);
        Dataset picked = data.select(new int[] {2, 1});
        picked.gather(new int[] {0, 1}, 0, 2, features, targets);
        assertArrayEquals(new float[] {7 / 255f, 9 / 255f, 128 / 255f, 1f}, features);
        assertArrayEquals(new float[] {3, 2}, targets);
        assertArrayEquals(new float[] {0, 51 / 255f, 128 / 255f, 1, 7 / 255f, 9 / 255f},
                data.features());
    }

    @ParameterizedTest
    @ValueSource(floats = {255f, 3.7f, 1e-3f})
    void everyByteValueStagesAsItsQuotientBitForBit(float divisor) {
        byte[] bytes = new byte[256];
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = (byte) b;
        }
        Dataset data = Dataset.ofUnsignedBytes(bytes, 256, divisor, new float[] {0}, 1);
        float[] features = new float[256];
        data.gather(new int[] {0}, 0, 1, features, new float[1]);
        for (int b = 0; b < bytes.length; b++) {
            assertEquals(Float.floatToRawIntBits(b / divisor),
                    Float.floatToRawIntBits(features[b]), "byte " + b);
        }
    }

    @Test
    void byteFeaturesRefuseABadDivisorOrTargetAndRowsThatDoNotFit() {
        byte[] bytes = new byte[6];
        IllegalArgumentException divisor = assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofUnsignedBytes(bytes, 2, 0f, new float[3], 1));
        assertEquals("the divisor of byte features must be a positive finite number, got 0.0",
                divisor.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofUnsignedBytes(bytes, 2, 255f, new float[] {0, Float.NaN, 0}, 1));
        assertEquals("targets row 1, column 0 is NaN", target.getMessage().split(";")[0]);
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofUnsignedBytes(bytes, 4, 255f, new float[3], 1));
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofClasses(bytes, 2, 255f, new int[] {0, 3, 1}, 3));
    }
}
