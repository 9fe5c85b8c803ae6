package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.reference.ReferenceOps;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The comparison catches what the kit relies on it to catch, and passes float round-off. */
class KitAssertionsTest {
    private static final int N = 256 * 1024;

    private static double[] reference() {
        float[] values = new RandomTensors(11).uniform(N, -10, 10);
        return ReferenceOps.widen(values);
    }

    @Test
    void passesRoundingToFloat() {
        double[] expected = reference();
        float[] actual = new float[N];
        for (int i = 0; i < N; i++) {
            actual[i] = (float) (expected[i] * (1 + 1e-7));
        }
        assertDoesNotThrow(() -> KitAssertions.assertClose("rounded", expected, actual, 1024,
                Tolerances.ELEMENTWISE));
    }

    @Test
    void catchesOneUnwrittenElement() {
        double[] expected = reference();
        float[] actual = ReferenceOps.narrow(expected);
        actual[N - 1] = Float.NaN;
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> KitAssertions.assertClose("op", expected, actual, 1024, 1e-3));
        assertTrue(e.getMessage().contains("row 255, col 1023"), e.getMessage());
        assertTrue(e.getMessage().contains("unwritten"), e.getMessage());
    }

    @Test
    void catchesOneSlightlyWrongElementInALargeOutput() {
        double[] expected = reference();
        float[] actual = ReferenceOps.narrow(expected);
        // 1% off in one element of 262144: the norm alone would dilute it to 2e-5
        actual[1234] *= 1.01f;
        actual[1234] += Math.copySign(0.1f, actual[1234]);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> KitAssertions.assertClose("op", expected, actual, 1024,
                        Tolerances.dotProduct(784)));
        assertTrue(e.getMessage().contains("worst element 1234 (row 1, col 210)"),
                e.getMessage());
    }

    @Test
    void exactComparisonsAllowNoDifference() {
        float[] expected = {1, 2, 3};
        assertDoesNotThrow(() -> KitAssertions.assertClose("exact", expected,
                new float[] {1, 2, 3}, 3, Tolerances.EXACT));
        assertThrows(AssertionFailedError.class, () -> KitAssertions.assertClose("exact",
                expected, new float[] {1, 2, Math.nextUp(3f)}, 3, Tolerances.EXACT));
    }
}
