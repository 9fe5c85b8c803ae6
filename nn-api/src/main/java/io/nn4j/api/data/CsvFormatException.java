package io.nn4j.api.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A CSV file that can't be read into a data set: a missing, empty or non-numeric value, an
 * unknown or duplicate column, a row of the wrong width, no rows. The message starts with the
 * file, the line (1-based, as a text editor shows it, the header being line 1) and, where the
 * problem is one value or column, the column's name: {@code iris.csv: line 7, column
 * 'petal_width': empty value; expected a number}. Immutable once thrown, like any exception.
 */
public class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final long line;
    private final String column;

    /**
     * An exception about one line, or one value of it when {@code column} is not null.
     *
     * @param cause what the parser or the reader threw, or null
     */
    public CsvFormatException(Path file, long line, String column, String problem,
                              Throwable cause) {
        super(file + ": line " + line + (column == null ? "" : ", column '" + column + "'")
                + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The line, 1-based, the header being line 1; for a record over several lines, its first. */
    public long line() {
        return line;
    }

    /** The column's name, when the problem is one value or column. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
