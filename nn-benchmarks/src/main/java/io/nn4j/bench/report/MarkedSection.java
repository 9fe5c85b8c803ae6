package io.nn4j.bench.report;

/**
 * The generated part of a markdown document: the text between {@link #BEGIN} and {@link #END}.
 * Replacing it leaves the hand-written text around it as it was.
 */
final class MarkedSection {
    /** The line that opens the generated part. */
    static final String BEGIN = "<!-- BEGIN GENERATED: nn-benchmarks report. Edit outside these "
            + "markers; scripts/bench-quick.sh rewrites what is between them. -->";
    /** The line that closes the generated part. */
    static final String END = "<!-- END GENERATED: nn-benchmarks report -->";

    private MarkedSection() {
    }

    /**
     * {@code document} with the text between the markers replaced by {@code generated}.
     *
     * @throws IllegalArgumentException when the markers are missing, repeated or out of order
     */
    static String replace(String document, String generated) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin || document.indexOf(BEGIN, begin + 1) >= 0
                || document.indexOf(END, end + 1) >= 0) {
            throw new IllegalArgumentException("the document must hold the line '" + BEGIN
                    + "' once, followed by the line '" + END + "' once");
        }
        String body = generated.endsWith("\n") ? generated : generated + "\n";
        return document.substring(0, begin + BEGIN.length()) + "\n" + body
                + document.substring(end);
    }
}
