package io.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How close two runtimes' outputs are, relative to each element's scale: the larger of the two
 * values and of the largest output of its row, {@code |a − b| / max(|a|, |b|, max_row |b|)}.
 * The row's largest output is the floor because an element far below it is a difference of
 * larger numbers in any float32 implementation: the exact GELU's far negative tail is
 * {@code z · (1 + erf(z/√2)) / 2} with {@code 1 + erf} near 0, one rounding of the 1 away from
 * a relative error of 30% (nn4j's cpu and PyTorch give -2.18e-7 and -1.60e-7 for one element
 * whose row reaches 0.46). {@link #maxElementwise} reports the plain elementwise figure.
 */
final class Agreement {
    /** The agreement the issue asks of nn4j against ONNX Runtime and PyTorch. */
    static final double RELATIVE = 1e-5;

    /** Where {@link #record} keeps each comparison's figures, for the closing note. */
    private static final Path LOG = Path.of("target", "onnx-agreement.txt");

    private Agreement() {
    }

    /** Appends one comparison's figures to {@code target/onnx-agreement.txt}. */
    static synchronized void record(String what, float[] expected, float[] actual, int columns) {
        String line = what + "\trelative " + maxRelative(expected, actual, columns)
                + "\telementwise " + maxElementwise(expected, actual) + "\n";
        try {
            Files.writeString(LOG, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest {@code |a − b| / max(|a|, |b|)} (0 where both are 0). */
    static double maxElementwise(float[] expected, float[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs((double) expected[i]), Math.abs((double) actual[i]));
            worst = Math.max(worst, scale == 0 ? 0 : Math.abs((double) expected[i] - actual[i])
                    / scale);
        }
        return worst;
    }

    /** The difference of element {@code i} relative to its scale (see the class comment). */
    private static double relative(float[] expected, float[] actual, int columns, int i) {
        int row = i / columns * columns;
        double scale = Math.max(Math.abs((double) expected[i]), Math.abs((double) actual[i]));
        for (int j = row; j < row + columns; j++) {
            scale = Math.max(scale, Math.abs((double) expected[j]));
        }
        return scale == 0 ? 0 : Math.abs((double) expected[i] - actual[i]) / scale;
    }

    /** The largest relative difference, each element against its scale. */
    static double maxRelative(float[] expected, float[] actual, int columns) {
        assertEquals(expected.length, actual.length, "output lengths");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, relative(expected, actual, columns, i));
        }
        return worst;
    }

    /**
     * Fails naming the worst element when the relative difference passes {@link #RELATIVE}.
     *
     * @return the largest relative difference
     */
    static double assertClose(float[] expected, float[] actual, int columns, String what) {
        double worst = maxRelative(expected, actual, columns);
        record(what, expected, actual, columns);
        if (!(worst <= RELATIVE)) {
            int at = 0;
            for (int i = 0; i < expected.length; i++) {
                if (relative(expected, actual, columns, i) == worst) {
                    at = i;
                }
            }
            fail(what + ": relative difference " + worst + " at row " + at / columns + ", column "
                    + at % columns + " (" + expected[at] + " expected, " + actual[at]
                    + "); allowed " + RELATIVE);
        }
        return worst;
    }
}
