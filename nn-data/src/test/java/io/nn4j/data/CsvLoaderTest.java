package io.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.train.ClassLabels;
import io.nn4j.api.train.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV files into data sets: class names mapped in sorted order or by a kept mapping, chosen
 * feature columns, delimiters, quotes, blank lines and a byte order mark; every bad file
 * refused naming its line (as an editor counts, the header being line 1) and column.
 */
class CsvLoaderTest {
    private static final CsvLoader SPECIES = CsvLoader.classification("species");

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** A loaded data set's flat features, read through its public row copy. */
    private static float[] features(Dataset data) {
        return gathered(data)[0];
    }

    /** A loaded data set's flat targets, read through its public row copy. */
    private static float[] targets(Dataset data) {
        return gathered(data)[1];
    }

    private static float[][] gathered(Dataset data) {
        float[][] both = {new float[data.size() * data.featureCount()],
            new float[data.size() * data.targetCount()]};
        data.gather(IntStream.range(0, data.size()).toArray(), 0, data.size(), both[0], both[1]);
        return both;
    }

    /** Loads {@code content} and returns what it was refused with: the message after the path. */
    private CsvFormatException refusal(CsvLoader loader, String content) throws IOException {
        Path bad = file("bad.csv", content);
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> loader.load(bad));
        assertEquals(bad, e.file());
        assertTrue(e.getMessage().startsWith(bad + ": line " + e.line()), e.getMessage());
        return e;
    }

    private static String problem(CsvFormatException e) {
        return e.getMessage().substring(e.file().toString().length() + 2);
    }

    @Test
    void classNamesBecomeIndicesInSortedOrder() throws IOException {
        CsvData data = SPECIES.load(file("flowers.csv", """
                sepal,species,petal
                5.1,versicolor,1.4
                4.9,setosa,-2
                6.3,virginica,1e-1
                5.0,setosa,.5
                """));
        assertEquals(List.of("setosa", "versicolor", "virginica"),
                data.classLabels().orElseThrow().names());
        assertEquals(List.of("sepal", "petal"), data.featureNames());
        assertEquals("species", data.labelName());
        assertEquals(4, data.dataset().size());
        assertEquals(1, data.dataset().targetCount());
        assertArrayEquals(new float[] {5.1f, 1.4f, 4.9f, -2, 6.3f, 0.1f, 5.0f, 0.5f},
                features(data.dataset()));
        assertArrayEquals(new float[] {1, 0, 2, 0}, targets(data.dataset()));
        assertEquals(List.of(), data.skippedLines());
    }

    @Test
    void namedFeaturesRegressionDelimiterQuotesBlankLinesAndByteOrderMark() throws IOException {
        CsvData data = CsvLoader.regression("price").features("area", "rooms").delimiter(';')
                .load(file("houses.csv", "\uFEFFrooms;note;area;price\r\n"
                        + "3;\"big; bright\";120.5;300\r\n"
                        + "\r\n"
                        + " 2 ; \"small\" ; 60 ; 150.25 \r\n"));
        assertEquals(List.of("area", "rooms"), data.featureNames());
        assertEquals(Optional.empty(), data.classLabels());
        assertArrayEquals(new float[] {120.5f, 3, 60, 2}, features(data.dataset()));
        assertArrayEquals(new float[] {300, 150.25f}, targets(data.dataset()));
    }

    @Test
    void aKeptMappingMapsASecondFileAndRefusesUnknownClasses() throws IOException {
        ClassLabels kept = ClassLabels.of(List.of("virginica", "setosa"));
        CsvData test = SPECIES.classLabels(kept).load(file("test.csv", """
                x,species
                1,setosa
                2,virginica
                """));
        assertEquals(kept, test.classLabels().orElseThrow());
        assertArrayEquals(new float[] {1, 0}, targets(test.dataset()));
        CsvFormatException e = refusal(SPECIES.classLabels(kept), """
                x,species
                1,setosa
                2,versicolor
                """);
        assertEquals("line 3, column 'species': 'versicolor' is not one of the classes "
                + "[virginica, setosa]", problem(e));
        assertEquals(3, e.line());
        assertEquals(Optional.of("species"), e.column());
    }

    @Test
    void badValuesAreNamedByLineAndColumn() throws IOException {
        String header = "a,b,species\n1,2,x\n";
        String[][] cases = {
            {"3,,y\n", "line 3, column 'b': empty value; expected a number"},
            {"3,4,\n", "line 3, column 'species': empty value; expected a class name"},
            {"abc,4,y\n", "line 3, column 'a': 'abc' is not a number; expected a decimal number "
                    + "such as 5.1"},
            {"3,1.5f,y\n", "line 3, column 'b': '1.5f' is not a number; expected a decimal "
                    + "number such as 5.1"},
            {"NaN,4,y\n", "line 3, column 'a': 'NaN' is not finite; expected a finite number "
                    + "(a data set holds finite values only)"},
            {"3,-Infinity,y\n", "line 3, column 'b': '-Infinity' is not finite; expected a "
                    + "finite number (a data set holds finite values only)"},
            {"3,inf,y\n", "line 3, column 'b': 'inf' is not finite; expected a finite number "
                    + "(a data set holds finite values only)"},
            {"1e39,4,y\n", "line 3, column 'a': '1e39' is beyond float's range; expected a "
                    + "magnitude up to 3.4028235E38"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], problem(refusal(SPECIES, header + c[0])), c[0]);
        }
    }

    @Test
    void rowsOfTheWrongWidthAreNamedByLine() throws IOException {
        CsvFormatException missing = refusal(SPECIES, "a,b,species\n1,2,x\n3,y\n");
        assertEquals("line 3: has 2 fields; expected 3 like the header (line 1)",
                problem(missing));
        assertEquals(Optional.empty(), missing.column());
        assertEquals("line 2: has 4 fields; expected 3 like the header (line 1)",
                problem(refusal(SPECIES, "a,b,species\n1,2,x,9\n")));
    }

    @Test
    void linesCountBlankLinesAndRecordsSpanningLines() throws IOException {
        assertEquals("line 6, column 'a': 'oops' is not a number; expected a decimal number such "
                        + "as 5.1",
                problem(refusal(SPECIES, "a,b,species\n1,2,\"two\nlines\"\n\n3,4,y\noops,5,y\n")));
        assertEquals("line 4: has 2 fields; expected 3 like the header (line 3)",
                problem(refusal(SPECIES, "\n\na,b,species\n1,2\n")));
    }

    @Test
    void columnProblemsAreNamedWithTheHeader() throws IOException {
        CsvFormatException unknownLabel = refusal(CsvLoader.classification("kind"),
                "a,b,species\n1,2,x\n");
        assertEquals("line 1, column 'kind': no such column; the header has [a, b, species]",
                problem(unknownLabel));
        assertEquals(1, unknownLabel.line());
        assertEquals("line 1, column 'c': no such column; the header has [a, b, species]",
                problem(refusal(SPECIES.features("a", "c"), "a,b,species\n1,2,x\n")));
        assertEquals("line 1, column 'a': the header names columns 1 and 3 alike; expected "
                        + "distinct column names",
                problem(refusal(SPECIES, "a,b,a,species\n1,2,3,x\n")));
        assertEquals("line 1: the header has only the label column [species]; expected feature "
                + "columns too", problem(refusal(SPECIES, "species\nx\n")));
    }

    @Test
    void filesWithoutRowsAreRefused() throws IOException {
        assertEquals("line 1: no header; expected a header row naming the columns",
                problem(refusal(SPECIES, "")));
        assertEquals("line 2: no data rows after the header; expected at least 1",
                problem(refusal(SPECIES, "\na,species\n\n")));
    }

    @Test
    void textThatIsNotCsvIsNamedByLine() throws IOException {
        CsvFormatException e = refusal(SPECIES, "a,species\n1,x\n\"2\"junk,y\n");
        assertTrue(problem(e).startsWith("line 3: can't be read as CSV: "), problem(e));
        assertTrue(e.getCause() instanceof IOException);
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "a,species\n1,x\n2,caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        CsvFormatException notUtf8 = assertThrows(CsvFormatException.class,
                () -> SPECIES.load(latin1));
        assertTrue(problem(notUtf8).endsWith(": not UTF-8 text, on this line or one after it "
                + "(the reader decodes ahead)"), problem(notUtf8));
    }

    @Test
    void rowsWithMissingValuesAreSkippedWhenAsked() throws IOException {
        String content = "a,b,species\n1,2,x\nNA,4,y\n5,,x\n7,8,\n9,10,y\n";
        CsvData data = SPECIES.skippingRowsWithMissingValues("NA").load(file("na.csv", content));
        assertEquals(List.of(3L, 4L, 5L), data.skippedLines());
        assertArrayEquals(new float[] {1, 2, 9, 10}, features(data.dataset()));
        assertEquals("line 3, column 'a': 'NA' is not a number; expected a decimal number such "
                + "as 5.1", problem(refusal(SPECIES, content)));
        assertEquals("line 1: no data rows after the header but the 1 skipped for a missing "
                        + "value; expected at least 1",
                problem(refusal(SPECIES.skippingRowsWithMissingValues("NA"), "a,species\nNA,x\n")));
    }

    @Test
    void settingsThatCannotWorkAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> SPECIES.features("a", "species"));
        assertThrows(IllegalArgumentException.class, () -> SPECIES.features("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> SPECIES.features());
        assertThrows(IllegalArgumentException.class, () -> SPECIES.delimiter('\n'));
        assertThrows(IllegalStateException.class,
                () -> CsvLoader.regression("y").classLabels(ClassLabels.of(List.of("a"))));
    }

    @Test
    void rowsToPredictAreReadWithOrWithoutTheLabelColumn() throws IOException {
        Path rows = file("rows.csv", """
                sepal,species,petal
                5.1,unknown,1.4
                4.9,setosa,-2
                """);
        assertArrayEquals(new float[] {5.1f, 1.4f},
                CsvLoader.regression("species").loadFeatures(rows)[0]);
        assertArrayEquals(new float[] {4.9f, -2f},
                CsvLoader.unlabeled().features("sepal", "petal").loadFeatures(rows)[1]);
        Path unlabeled = file("unlabeled.csv", "sepal,petal\n5.1,1.4\n");
        assertArrayEquals(new float[][] {{5.1f, 1.4f}},
                CsvLoader.unlabeled().loadFeatures(unlabeled));
        CsvFormatException text = assertThrows(CsvFormatException.class,
                () -> CsvLoader.unlabeled().loadFeatures(rows));
        assertEquals("line 2, column 'species': 'unknown' is not a number; expected a decimal"
                + " number such as 5.1", problem(text));
        CsvFormatException noLabel = assertThrows(CsvFormatException.class,
                () -> SPECIES.loadFeatures(unlabeled));
        assertEquals("line 1, column 'species': no such column; the header has [sepal, petal]",
                problem(noLabel));
        assertThrows(IllegalStateException.class, () -> CsvLoader.unlabeled().load(unlabeled));
    }
}
