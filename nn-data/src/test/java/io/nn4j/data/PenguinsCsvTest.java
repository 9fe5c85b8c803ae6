package io.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.metrics.ClassificationMetrics;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.ClassLabels;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Evaluation;
import io.nn4j.api.train.Split;
import io.nn4j.api.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real CSV file end to end: the Palmer penguins table of Debian's r-cran-palmerpenguins
 * (344 penguins of three species, two rows without measurements, marked {@code NA}) loaded,
 * split by species and learnt by a small classifier on the cpu backend.
 */
class PenguinsCsvTest {
    private static final Path PENGUINS =
            Path.of("/usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv");
    private static final CsvLoader MEASUREMENTS = CsvLoader.classification("species")
            .features("bill_length_mm", "bill_depth_mm", "flipper_length_mm");
    private static final int[] PENGUINS_BY_SPECIES = {151, 68, 123};

    @BeforeAll
    static void theFileIsInstalled() {
        assertTrue(Files.isRegularFile(PENGUINS), PENGUINS + " is missing: run scripts/setup.sh,"
                + " which installs Debian's r-cran-palmerpenguins");
    }

    private static CsvData penguins() throws IOException {
        return MEASUREMENTS.skippingRowsWithMissingValues("NA").load(PENGUINS);
    }

    private static int[] countByClass(Dataset data) {
        int[] counts = new int[PENGUINS_BY_SPECIES.length];
        Arrays.stream(data.classIndices()).forEach(c -> counts[c]++);
        return counts;
    }

    @Test
    void theTableLoadsWithItsSpeciesAndSkipsTheRowsWithoutMeasurements() throws IOException {
        CsvData data = penguins();
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"),
                data.classLabels().orElseThrow().names());
        assertEquals(List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm"),
                data.featureNames());
        assertEquals(List.of(5L, 273L), data.skippedLines());
        assertEquals(342, data.dataset().size());
        assertArrayEquals(PENGUINS_BY_SPECIES, countByClass(data.dataset()));
        CsvFormatException strict = assertThrows(CsvFormatException.class,
                () -> MEASUREMENTS.load(PENGUINS));
        assertEquals(5, strict.line());
        assertEquals("bill_length_mm", strict.column().orElseThrow());
    }

    @Test
    void aStratifiedSplitKeepsEverySpeciesShare() throws IOException {
        Split split = Split.stratified(penguins().dataset(), 2026, 0.2, 0.2);
        int[] test = countByClass(split.test());
        int[] validation = countByClass(split.validation().orElseThrow());
        for (int c = 0; c < PENGUINS_BY_SPECIES.length; c++) {
            assertEquals(PENGUINS_BY_SPECIES[c] * 0.2, test[c], 1, "test, species " + c);
            assertEquals(PENGUINS_BY_SPECIES[c] * 0.2, validation[c], 1,
                    "validation, species " + c);
        }
        assertEquals(342, split.train().size() + split.validation().orElseThrow().size()
                + split.test().size());
    }

    /** The example of docs/your-data.md, "Training on it" (kept in sync by hand). */
    @Test
    void aSmallClassifierLearnsTheSpeciesFromRawMeasurements() throws IOException {
        CsvData penguins = penguins();
        ClassLabels species = penguins.classLabels().orElseThrow();
        Split split = Split.stratified(penguins.dataset(), 2026, 0.25);
        try (Backend backend = Backends.load("cpu");
             Sequential model = Sequential.builder(3).dense(16, Activation.RELU)
                     .dense(species.size(), Activation.SOFTMAX).build(backend, 7);
             Adam adam = new Adam(0.01f)) {
            Trainer.builder().loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY).optimizer(adam)
                    .batchSize(16).epochs(100).seed(11).build().fit(model, split.train());
            Evaluation test = Trainer.evaluate(model, split.test(),
                    Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 64);
            assertEquals(86, test.examples());
            assertTrue(test.accuracy() >= 0.9, "test accuracy " + test.accuracy());
            ClassificationMetrics metrics = test.classification().orElseThrow();
            assertEquals(test.accuracy(), metrics.accuracy());
            assertTrue(metrics.macroF1() >= 0.85, metrics.toString());
            int[] classes = model.predictClasses(new float[][] {{39.1f, 18.7f, 181f}});
            assertEquals("Adelie", species.name(classes[0]));
        }
    }
}
