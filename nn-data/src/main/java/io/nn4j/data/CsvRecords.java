package io.nn4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The non-blank records of one CSV file, each with the line it starts on: what the parser or
 * the reader throws becomes a {@link CsvFormatException} naming the file and that line. Used by
 * one thread, for one pass.
 */
final class CsvRecords implements AutoCloseable {
    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long line;

    CsvRecords(Path file, CSVParser parser) {
        this.file = file;
        this.parser = parser;
        this.records = parser.iterator();
    }

    /** The next non-blank record's fields, or null at the end of the file. */
    List<String> next() throws CsvFormatException {
        while (true) {
            line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                throw new CsvFormatException(file, line, null,
                        e.getCause() instanceof CharacterCodingException
                                ? "not UTF-8 text, on this line or one after it (the reader "
                                        + "decodes ahead)"
                                : "can't be read as CSV: " + e.getCause().getMessage(),
                        e.getCause());
            }
            if (record.size() > 1 || !record.get(0).isEmpty()) {
                return new ArrayList<>(record.toList());
            }
        }
    }

    /** The line the record last returned by {@link #next()} starts on, 1-based. */
    long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
