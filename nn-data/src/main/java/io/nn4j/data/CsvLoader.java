package io.nn4j.data;

import io.nn4j.api.train.ClassLabels;
import io.nn4j.api.train.Dataset;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a CSV file with a header row into a {@link Dataset}: one example per data row, the
 * features from the chosen columns, the target from the label column.
 *
 * <pre>{@code
 * CsvData iris = CsvLoader.classification("species").load(Path.of("iris.csv"));
 * CsvData houses = CsvLoader.regression("price").features("rooms", "area").delimiter(';')
 *         .load(Path.of("houses.csv"));
 * }</pre>
 *
 * <p>The file is UTF-8 (a leading byte order mark is ignored), fields may be quoted as in RFC
 * 4180, blank lines are skipped and spaces around a field are dropped. The first non-blank
 * line is the header; its column names must be distinct. Features are the named columns, in the
 * order named, or by default every column but the label, in file order. Feature values, and the
 * label's for regression, are decimal numbers such as {@code 5.1}, {@code -3}, {@code 1e-4},
 * read into float32.
 *
 * <p>For classification the label column holds class names (any text, e.g. {@code setosa} or
 * {@code 0}), mapped to class indices in sorted order ({@link ClassLabels#sorted}), so a file's
 * classes get the same indices whatever the order of its rows; or, with {@link #classLabels},
 * by a mapping kept from before, for a second file of the same task. The targets are sparse:
 * one class index per row, for {@link io.nn4j.api.Loss#SPARSE_CATEGORICAL_CROSSENTROPY}.
 *
 * <p>Nothing wrong is guessed at: a missing, empty or non-numeric value, NaN or infinity
 * ({@code NaN}, {@code Infinity}, {@code inf}) or a number beyond float's range, an unknown or
 * duplicate column name, a row with another number of fields than the header, a file with no
 * data rows: each is a {@link CsvFormatException} naming the file, the line (1-based, as a text
 * editor shows it, the header included) and the column. Files that mark missing values (e.g.
 * {@code NA}) can have those rows skipped instead, with
 * {@link #skippingRowsWithMissingValues}.
 *
 * <p>Rows to predict, which may have no label column, are read with {@link #loadFeatures}:
 * {@code CsvLoader.unlabeled().loadFeatures(file)} takes every column as a feature.
 *
 * <p>Immutable, each setting returning a new loader: safe to share between threads.
 */
public final class CsvLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvLoader.class);
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String labelColumn;
    private final boolean classification;
    private final List<String> featureColumns;
    private final CSVFormat format;
    private final ClassLabels classes;
    private final Set<String> missingMarkers;

    private CsvLoader(String labelColumn, boolean classification, List<String> featureColumns,
                      CSVFormat format, ClassLabels classes, Set<String> missingMarkers) {
        this.labelColumn = labelColumn;
        this.classification = classification;
        this.featureColumns = featureColumns;
        this.format = format;
        this.classes = classes;
        this.missingMarkers = missingMarkers;
    }

    /**
     * A loader whose label column {@code labelColumn} holds class names.
     *
     * @param labelColumn the label column's name, as the header writes it
     * @return a loader with the default settings: every other column a feature, commas
     */
    public static CsvLoader classification(String labelColumn) {
        return new CsvLoader(Objects.requireNonNull(labelColumn, "labelColumn"), true, List.of(),
                format(','), null, null);
    }

    /**
     * A loader whose label column {@code labelColumn} holds the number to predict.
     *
     * @param labelColumn the label column's name, as the header writes it
     * @return a loader with the default settings: every other column a feature, commas
     */
    public static CsvLoader regression(String labelColumn) {
        return new CsvLoader(Objects.requireNonNull(labelColumn, "labelColumn"), false, List.of(),
                format(','), null, null);
    }

    /**
     * A loader for rows to predict, without a label column: the features are every column, in
     * file order, or those named with {@link #features}. It reads with {@link #loadFeatures}
     * only.
     *
     * @return a loader with the default settings: every column a feature, commas
     */
    public static CsvLoader unlabeled() {
        return new CsvLoader(null, false, List.of(), format(','), null, null);
    }

    /**
     * This loader with the features read from these columns, in this order (by default every
     * column but the label, in file order).
     *
     * @param names the feature columns' names, as the header writes them
     * @return the new loader
     * @throws IllegalArgumentException for no names, a name given twice, or the label column
     */
    public CsvLoader features(String... names) {
        List<String> columns = List.of(names);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no feature columns named; expected at least 1");
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("feature columns " + columns
                    + " name a column twice; expected distinct names");
        }
        if (labelColumn != null && columns.contains(labelColumn)) {
            throw new IllegalArgumentException("feature columns " + columns
                    + " include the label column '" + labelColumn + "'");
        }
        return new CsvLoader(labelColumn, classification, columns, format, classes,
                missingMarkers);
    }

    /**
     * This loader with fields separated by {@code delimiter} (by default a comma), e.g.
     * {@code ';'} or {@code '\t'}.
     *
     * @param delimiter the field separator
     * @return the new loader
     * @throws IllegalArgumentException for a line break or the quote character {@code "}
     */
    public CsvLoader delimiter(char delimiter) {
        return new CsvLoader(labelColumn, classification, featureColumns, format(delimiter),
                classes, missingMarkers);
    }

    /**
     * This loader with class names mapped by {@code labels}, e.g. those of the training file
     * when reading the test file; a class name that is not among them is refused by line and
     * column.
     *
     * @param labels the class names by index to map the label column with
     * @return the new loader
     * @throws IllegalStateException for a regression loader
     */
    public CsvLoader classLabels(ClassLabels labels) {
        if (!classification) {
            throw new IllegalStateException("class labels are for classification; this loader "
                    + (labelColumn == null ? "has no label column"
                            : "reads label column '" + labelColumn + "' as numbers (regression)"));
        }
        return new CsvLoader(labelColumn, classification, featureColumns, format,
                Objects.requireNonNull(labels, "labels"), missingMarkers);
    }

    /**
     * This loader skipping every row where a column it reads (a feature or the label) is
     * empty or holds one of {@code markers}, such as {@code "NA"}, instead of refusing the file;
     * the skipped rows' lines are in {@link CsvData#skippedLines()} and logged.
     *
     * @param markers the texts that mark a missing value besides an empty field, e.g.
     *                {@code "NA"}; none for empty fields only
     * @return the new loader
     */
    public CsvLoader skippingRowsWithMissingValues(String... markers) {
        return new CsvLoader(labelColumn, classification, featureColumns, format, classes,
                Set.copyOf(List.of(markers)));
    }

    private static CSVFormat format(char delimiter) {
        if (delimiter == '\n' || delimiter == '\r' || delimiter == '"') {
            throw new IllegalArgumentException("delimiter " + (int) delimiter
                    + " is a line break or the quote character; expected a field separator");
        }
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true).setTrim(true).get();
    }

    /**
     * Reads {@code file}.
     *
     * @param file a CSV file with a header row, UTF-8
     * @return the data set, the columns' names and, for classification, the class names
     * @throws CsvFormatException for a value, column or row that can't be read (see above),
     *                            naming the file, the line and the column
     * @throws IOException        when the file can't be opened
     */
    public CsvData load(Path file) throws IOException {
        if (labelColumn == null) {
            throw new IllegalStateException("this loader has no label column; it reads rows to"
                    + " predict with loadFeatures");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvRecords records = new CsvRecords(file, format.parse(reader))) {
            return read(records, header(file, records));
        }
    }

    /**
     * Reads only the features of {@code file}, for rows to predict: the named feature columns,
     * or every column but this loader's label column, in file order (for {@link #unlabeled()},
     * every column). The label column, when this loader has one, must be in the header, but
     * its values are not read. No row is skipped, since each needs a prediction: a missing
     * value is refused as {@link #load} refuses it.
     *
     * @param file a CSV file with a header row, UTF-8
     * @return one row of feature values per data row, in file order
     * @throws CsvFormatException for a value, column or row that can't be read, naming the
     *                            file, the line and the column
     * @throws IOException        when the file can't be opened
     */
    public float[][] loadFeatures(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvRecords records = new CsvRecords(file, format.parse(reader))) {
            Columns columns = header(file, records);
            int[] features = !featureColumns.isEmpty() ? columns.indices(featureColumns)
                    : labelColumn != null ? columns.allBut(columns.index(labelColumn))
                    : IntStream.range(0, columns.names().size()).toArray();
            List<float[]> rows = new ArrayList<>();
            for (List<String> record = records.next(); record != null; record = records.next()) {
                columns.checkWidth(records.line(), record.size());
                rows.add(featureRow(columns, records.line(), features, record));
            }
            if (rows.isEmpty()) {
                throw noDataRows(columns, List.of());
            }
            return rows.toArray(new float[0][]);
        }
    }

    private static Columns header(Path file, CsvRecords records) throws CsvFormatException {
        List<String> header = records.next();
        if (header == null) {
            throw new CsvFormatException(file, records.line(), null,
                    "no header; expected a header row naming the columns", null);
        }
        header.set(0, stripByteOrderMark(header.get(0)));
        return new Columns(file, records.line(), header);
    }

    private static String stripByteOrderMark(String name) {
        return !name.isEmpty() && name.charAt(0) == BYTE_ORDER_MARK ? name.substring(1) : name;
    }

    private CsvData read(CsvRecords records, Columns columns) throws CsvFormatException {
        int label = columns.index(labelColumn);
        int[] features = featureColumns.isEmpty() ? columns.allBut(label)
                : columns.indices(featureColumns);
        List<float[]> rows = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        List<Float> targets = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        for (List<String> record = records.next(); record != null; record = records.next()) {
            columns.checkWidth(records.line(), record.size());
            if (missingMarkers != null && hasMissingValue(record, features, label)) {
                skipped.add(records.line());
                continue;
            }
            rows.add(featureRow(columns, records.line(), features, record));
            if (classification) {
                classNames.add(className(columns, records.line(), label, record.get(label)));
            } else {
                targets.add(number(columns, records.line(), label, record.get(label)));
            }
        }
        if (rows.isEmpty()) {
            throw noDataRows(columns, skipped);
        }
        if (!skipped.isEmpty()) {
            LOG.info("{}: skipped {} rows with a missing value, on lines {}", columns.file(),
                    skipped.size(), skipped);
        }
        float[][] featureRows = rows.toArray(new float[0][]);
        if (!classification) {
            float[] values = new float[targets.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = targets.get(i);
            }
            return new CsvData(Dataset.ofTargets(featureRows, values), columns.names(features),
                    labelColumn, Optional.empty(), skipped);
        }
        ClassLabels labels = classes != null ? classes : ClassLabels.sorted(classNames);
        int[] indices = classNames.stream().mapToInt(labels::index).toArray();
        return new CsvData(Dataset.ofLabels(featureRows, indices, labels.size()),
                columns.names(features), labelColumn, Optional.of(labels), skipped);
    }

    private static CsvFormatException noDataRows(Columns columns, List<Long> skipped) {
        return new CsvFormatException(columns.file(), columns.headerLine(), null,
                "no data rows after the header" + (skipped.isEmpty() ? ""
                        : " but the " + skipped.size() + " skipped for a missing value")
                        + "; expected at least 1", null);
    }

    private float[] featureRow(Columns columns, long line, int[] features, List<String> record)
            throws CsvFormatException {
        float[] row = new float[features.length];
        for (int j = 0; j < features.length; j++) {
            row[j] = number(columns, line, features[j], record.get(features[j]));
        }
        return row;
    }

    private boolean hasMissingValue(List<String> record, int[] features, int label) {
        for (int column : features) {
            if (isMissing(record.get(column))) {
                return true;
            }
        }
        return isMissing(record.get(label));
    }

    private boolean isMissing(String text) {
        return text.isEmpty() || missingMarkers.contains(text);
    }

    private float number(Columns columns, long line, int column, String text)
            throws CsvFormatException {
        String problem = null;
        float value = 0;
        if (text.isEmpty()) {
            problem = "empty value; expected a number";
        } else if (NON_FINITE.matcher(text).matches()) {
            problem = "'" + text + "' is not finite; expected a finite number (a data set holds "
                    + "finite values only)";
        } else if (!NUMBER.matcher(text).matches()) {
            problem = "'" + text + "' is not a number; expected a decimal number such as 5.1";
        } else {
            value = Float.parseFloat(text);
            problem = Float.isInfinite(value) ? "'" + text + "' is beyond float's range; "
                    + "expected a magnitude up to " + Float.MAX_VALUE : null;
        }
        if (problem != null) {
            throw columns.error(line, column, problem);
        }
        return value;
    }

    private String className(Columns columns, long line, int column, String text)
            throws CsvFormatException {
        if (text.isEmpty()) {
            throw columns.error(line, column, "empty value; expected a class name");
        }
        if (classes != null && !classes.contains(text)) {
            throw columns.error(line, column, "'" + text + "' is not one of the classes "
                    + classes);
        }
        return text;
    }

    /** The header's columns: names to indices, with the checks that name the file and line. */
    private record Columns(Path file, long headerLine, List<String> names,
                           Map<String, Integer> byName) {
        Columns(Path file, long headerLine, List<String> names) throws CsvFormatException {
            this(file, headerLine, List.copyOf(names), new HashMap<>());
            for (int i = 0; i < names.size(); i++) {
                Integer before = byName.put(names.get(i), i);
                if (before != null) {
                    throw new CsvFormatException(file, headerLine, names.get(i),
                            "the header names columns " + (before + 1) + " and " + (i + 1)
                                    + " alike; expected distinct column names", null);
                }
            }
        }

        int index(String name) throws CsvFormatException {
            Integer index = byName.get(name);
            if (index == null) {
                throw new CsvFormatException(file, headerLine, name,
                        "no such column; the header has " + names, null);
            }
            return index;
        }

        int[] indices(List<String> wanted) throws CsvFormatException {
            int[] indices = new int[wanted.size()];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = index(wanted.get(i));
            }
            return indices;
        }

        int[] allBut(int excluded) throws CsvFormatException {
            if (names.size() < 2) {
                throw new CsvFormatException(file, headerLine, null, "the header has only the "
                        + "label column " + names + "; expected feature columns too", null);
            }
            return IntStream.range(0, names.size()).filter(i -> i != excluded)
                    .toArray();
        }

        List<String> names(int[] indices) {
            return Arrays.stream(indices).mapToObj(names::get).toList();
        }

        void checkWidth(long line, int fields) throws CsvFormatException {
            if (fields != names.size()) {
                throw new CsvFormatException(file, line, null, "has " + fields + " field"
                        + (fields == 1 ? "" : "s") + "; expected " + names.size()
                        + " like the header (line " + headerLine + ")", null);
            }
        }

        CsvFormatException error(long line, int column, String problem) {
            return new CsvFormatException(file, line, names.get(column), problem, null);
        }
    }
}
