package io.nn4j.mnist;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints the {@code explain} command's numbers in fixed columns: labelled vectors and matrices
 * with their shapes, and gradient rows (backprop, finite difference, relative error), keeping the
 * largest relative error seen.
 */
final class ExplainPrinter {
    private final PrintWriter out;
    private final double floor;
    private double largestError;

    /** Prints to {@code out}; relative errors are taken against at least {@code floor}. */
    ExplainPrinter(PrintWriter out, double floor) {
        this.out = out;
        this.floor = floor;
    }

    /** A labelled vector: as a row {@code [1, n]} when {@code row}, else as {@code [n]}. */
    void vector(String label, double[] values, boolean row) {
        String shape = row ? "[1, " + values.length + "]" : "[" + values.length + "]";
        out.println(String.format(Locale.ROOT, "  %-34s %-8s %s", label, shape, row(values)));
    }

    /** A labelled row-major matrix, one row per line. */
    void matrix(String label, double[] values, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            double[] line = new double[cols];
            System.arraycopy(values, r * cols, line, 0, cols);
            out.println(String.format(Locale.ROOT, "  %-34s %-8s %s", r == 0 ? label : "",
                    r == 0 ? "[" + rows + ", " + cols + "]" : "", row(line)));
        }
    }

    /** The header of a table of gradient rows. */
    void gradientHeader() {
        out.println(String.format(Locale.ROOT, "      %-10s %16s %18s %15s", "parameter",
                "backprop", "finite difference", "relative error"));
    }

    /**
     * One gradient row: {@code |backprop − finite| / max(|backprop|, |finite|, floor)} beside
     * both values.
     */
    void compare(String name, double backprop, double finite) {
        double error = Math.abs(backprop - finite)
                / Math.max(floor, Math.max(Math.abs(backprop), Math.abs(finite)));
        largestError = Math.max(largestError, error);
        out.println(String.format(Locale.ROOT, "      %-10s %+16.8f %+18.8f %15.1e", name,
                backprop, finite, error));
    }

    /** The largest relative error printed so far. */
    double largestError() {
        return largestError;
    }

    private static String row(double[] values) {
        StringBuilder text = new StringBuilder("[");
        for (double v : values) {
            text.append(String.format(Locale.ROOT, " %+.6f", v));
        }
        return text.append(" ]").toString();
    }
}
