package io.nn4j.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A GitHub-flavoured markdown table, and the number formats the report's tables share. */
final class MarkdownTable {
    /** Shown where a figure is missing, e.g. a ratio whose baseline did not run. */
    static final String MISSING = "–";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column headings. */
    MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row with one cell per column. */
    MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells; the table "
                    + "has " + header.size() + " columns " + header);
        }
        rows.add(Arrays.asList(cells));
        return this;
    }

    /** The table as markdown, ending with a newline. */
    String render() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        line(out, header.stream().map(h -> "---").toList());
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** Three significant digits (more left of the point), or {@link #MISSING} for NaN. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        double magnitude = Math.abs(new BigDecimal(value).round(new MathContext(3)).doubleValue());
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** A time in {@code scale} units per second (1e3 for ms), with JMH's error when known. */
    static String time(double seconds, double errorSeconds, double scale) {
        String mean = number(seconds * scale);
        return Double.isFinite(errorSeconds) ? mean + " ± " + number(errorSeconds * scale) : mean;
    }

    /** A speed ratio such as {@code 3.21×}, or {@link #MISSING}. */
    static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f×", value) : MISSING;
    }
}
