package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;

/**
 * Compares a backend's float32 output with the float64 reference and fails with a message a
 * backend author can act on: the op and case, the relative error against its tolerance, and the
 * worst element with its row and column (flagged when it still holds the NaN poison, i.e. the
 * op never wrote it).
 */
public final class KitAssertions {

    private KitAssertions() {
    }

    /**
     * Asserts that {@code actual} matches {@code expected} within {@code tolerance} (see
     * {@link Tolerances}): relative error {@code ‖actual − expected‖ / ‖expected‖} no larger than
     * {@code tolerance}, every element finite where the reference is, and no element further
     * than {@link Tolerances#WORST_ELEMENT_FACTOR}{@code × tolerance × rms(expected)} away.
     *
     * @param what the op and case, e.g. {@code gemm(tA, alpha=1, beta=0) [65x17x33]}
     * @param cols the row length, to report the worst element as (row, col)
     */
    public static void assertClose(String what, double[] expected, float[] actual, int cols,
                                   double tolerance) {
        if (expected.length != actual.length) {
            fail(what + ": backend returned " + actual.length + " elements; expected "
                    + expected.length);
        }
        double errorSquares = 0;
        double referenceSquares = 0;
        int worst = -1;
        double worstError = -1;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            if (Double.isNaN(error) || Double.isInfinite(error)) {
                if (Double.isFinite(expected[i])) {
                    fail(what + ": element " + position(i, cols) + " is " + actual[i]
                            + "; expected " + expected[i] + describeNaN(actual[i]));
                }
                continue;
            }
            errorSquares += error * error;
            referenceSquares += expected[i] * expected[i];
            if (error > worstError) {
                worstError = error;
                worst = i;
            }
        }
        double norm = Math.sqrt(referenceSquares);
        double denominator = Math.max(norm, Float.MIN_NORMAL);
        double relative = Math.sqrt(errorSquares) / denominator;
        double rms = Math.max(norm / Math.sqrt(expected.length), Float.MIN_NORMAL);
        double worstRelative = worstError / rms;
        boolean normFails = relative > tolerance;
        boolean elementFails = worstRelative > Tolerances.WORST_ELEMENT_FACTOR * tolerance;
        if (normFails || elementFails) {
            fail(String.format(Locale.ROOT, "%s: relative error %.3e (tolerance %.1e); worst "
                            + "element %s is %s, expected %s (off by %.3e x rms %.3e, limit %.1e)",
                    what, relative, tolerance, position(worst, cols), actual[worst],
                    expected[worst], worstRelative, rms,
                    Tolerances.WORST_ELEMENT_FACTOR * tolerance));
        }
    }

    /** {@link #assertClose(String, double[], float[], int, double)} for float expectations. */
    public static void assertClose(String what, float[] expected, float[] actual, int cols,
                                   double tolerance) {
        double[] widened = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            widened[i] = expected[i];
        }
        assertClose(what, widened, actual, cols, tolerance);
    }

    /** Relative difference of two scalars, {@code |a − b| / max(|a|, |b|)} (0 when both are 0). */
    public static double relativeDifference(double a, double b) {
        double scale = Math.max(Math.abs(a), Math.abs(b));
        return scale == 0 ? 0 : Math.abs(a - b) / scale;
    }

    private static String position(int index, int cols) {
        return index + " (row " + index / cols + ", col " + index % cols + ")";
    }

    private static String describeNaN(float value) {
        return Float.isNaN(value) ? " (NaN: the op left the element unwritten, or produced NaN)"
                : "";
    }
}
