package io.nn4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A CSV file that can't be read into a data set: a missing, empty or non-numeric value, an
 * unknown or duplicate column, a row of the wrong width, no rows. The message starts with the
 * file, the line (1-based, as a text editor shows it, the header being line 1) and, where the
 * problem is one value or column, the column's name: {@code iris.csv: line 7, column
 * 'petal_width': empty value; expected a number}.
 *
 * <p>Its fields are final: safe to share between threads once thrown, like any exception.
 */
public class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file being read. */
    private final Path file;
    /** The line, 1-based, the header being line 1. */
    private final long line;
    /** The column's name, or null when the problem is the whole line. */
    private final String column;

    /**
     * An exception about one line, or one value of it when {@code column} is not null.
     *
     * @param file    the file being read
     * @param line    the line, 1-based, the header being line 1
     * @param column  the column's name, or null when the problem is the whole line
     * @param problem what is wrong and what was expected, e.g. {@code empty value; expected a
     *                number}
     * @param cause   what the parser or the reader threw, or null
     */
    public CsvFormatException(Path file, long line, String column, String problem,
                              Throwable cause) {
        super(file + ": line " + line + (column == null ? "" : ", column '" + column + "'")
                + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /**
     * The file.
     *
     * @return the file being read
     */
    public Path file() {
        return file;
    }

    /**
     * The line, 1-based, the header being line 1; for a record over several lines, its first.
     *
     * @return the line
     */
    public long line() {
        return line;
    }

    /**
     * The column's name, when the problem is one value or column.
     *
     * @return the column's name, or empty when the problem is the whole line
     */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
