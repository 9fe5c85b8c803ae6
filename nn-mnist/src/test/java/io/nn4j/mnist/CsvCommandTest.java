package io.nn4j.mnist;

import static io.nn4j.api.testkit.TextAssertions.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code csv} command end to end on small tables made here from fixed seeds: a classifier of
 * three Gaussian blobs with class names and a linear regression, their summary JSON, the saved
 * classifier predicting class names through {@code predict --csv}, and bad files refused by line
 * and column.
 */
class CsvCommandTest {
    private static final String[] BLOBS = {"blue", "green", "red"};
    private static final double[][] CENTERS = {{0, 0}, {4, 4}, {0, 5}};
    private static final int ROWS_PER_BLOB = 60;

    @TempDir
    Path dir;

    /** Three blobs of {@link #ROWS_PER_BLOB} rows, the label column between the features. */
    private Path blobs() throws IOException {
        Random random = new Random(11);
        List<String> lines = new ArrayList<>(List.of("x,species,y"));
        for (int i = 0; i < ROWS_PER_BLOB; i++) {
            for (int c = 0; c < BLOBS.length; c++) {
                lines.add(String.format(Locale.ROOT, "%.4f,%s,%.4f",
                        CENTERS[c][0] + random.nextGaussian(), BLOBS[c],
                        CENTERS[c][1] + random.nextGaussian()));
            }
        }
        return Files.write(dir.resolve("blobs.csv"), lines, StandardCharsets.UTF_8);
    }

    private static DemoRun csv(String... args) {
        List<String> all = new ArrayList<>(List.of("csv", "--backend", "cpu", "--no-progress",
                "--seed", "7", "--learning-rate", "0.01"));
        all.addAll(List.of(args));
        return DemoRun.of(all.toArray(new String[0]));
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void trainsAClassifierAndItsSavedModelPredictsClassNames() throws IOException {
        Path data = blobs();
        Path model = dir.resolve("blobs.nn4j");
        Path summary = dir.resolve("out/summary.json");
        String out = csv("--file", data.toString(), "--label", "species", "--epochs", "30",
                "--save-model", model.toString(), "--summary-json", summary.toString())
                .succeeded();

        assertContains(out,
                "3 classes [blue, green, red]",
                "split (stratified, seed 7): 144 training rows, 36 test rows",
                "  green        48      12",
                "epoch 30/30",
                "macro F1");
        JsonObject json = json(summary);
        assertEquals("classification", json.get("task").getAsString());
        assertEquals(36, json.get("test_rows").getAsInt());
        assertEquals(30, json.get("epochs_run").getAsInt());
        JsonObject metrics = json.getAsJsonObject("metrics");
        assertTrue(metrics.get("accuracy").getAsDouble() > 0.9, metrics.toString());
        assertTrue(metrics.get("macro_f1").getAsDouble() > 0.9, metrics.toString());
        for (String name : BLOBS) {
            assertTrue(metrics.getAsJsonObject("per_class").getAsJsonObject(name).has("recall"),
                    name);
        }
        assertFalse(metrics.has("rmse"), metrics.toString());

        List<String> predicted = DemoRun.of("predict", "--backend", "cpu", "--model",
                model.toString(), "--csv", data.toString(), "--label", "species").succeeded()
                .lines().toList();
        List<String> truth = Files.readAllLines(data).stream().skip(1)
                .map(line -> line.split(",")[1]).toList();
        assertEquals(truth.size(), predicted.size());
        long right = 0;
        for (int i = 0; i < truth.size(); i++) {
            right += truth.get(i).equals(predicted.get(i)) ? 1 : 0;
        }
        assertTrue(right > 0.9 * truth.size(), right + " of " + truth.size());

        Path unlabeled = Files.writeString(dir.resolve("rows.csv"), "x,y\n0,0\n4,4\n0.2,5.2\n");
        assertEquals(List.of("blue", "green", "red"), DemoRun.of("predict", "--backend", "cpu",
                "--model", model.toString(), "--csv", unlabeled.toString()).succeeded()
                .lines().toList());
        Path wide = Files.writeString(dir.resolve("wide.csv"), "x,y,z\n0,0,1\n");
        DemoRun.of("predict", "--backend", "cpu", "--model", model.toString(), "--csv",
                wide.toString()).failedWithOneLine(MnistDemo.EXIT_FAILURE, wide + " has 3 feature"
                + " columns but " + model + " takes 2 inputs; name a column to leave out");
    }

    @Test
    void trainsARegressionAndReportsItsErrorsInTheLabelsUnits() throws IOException {
        Random random = new Random(5);
        List<String> lines = new ArrayList<>(List.of("a,b,target"));
        for (int i = 0; i < 200; i++) {
            double a = 4 * random.nextDouble() - 2;
            double b = 4 * random.nextDouble() - 2;
            lines.add(String.format(Locale.ROOT, "%.4f,%.4f,%.4f", a, b,
                    100 + 3 * a - 2 * b + 0.1 * random.nextGaussian()));
        }
        Path data = Files.write(dir.resolve("linear.csv"), lines, StandardCharsets.UTF_8);
        Path summary = dir.resolve("linear.json");
        Path model = dir.resolve("linear.nn4j");
        String out = csv("--file", data.toString(), "--label", "target", "--task", "regression",
                "--epochs", "40", "--summary-json", summary.toString(), "--save-model",
                model.toString()).succeeded();

        assertContains(out, "split (random, seed 7): 160 training rows, 40 test rows", "RMSE");
        JsonObject json = json(summary);
        assertEquals("regression", json.get("task").getAsString());
        assertEquals(40, json.get("test_rows").getAsInt());
        JsonObject metrics = json.getAsJsonObject("metrics");
        assertTrue(metrics.get("r2").getAsDouble() > 0.9, metrics.toString());
        assertTrue(metrics.get("rmse").getAsDouble() < 1, metrics.toString());
        assertTrue(metrics.has("mae"), metrics.toString());
        assertFalse(metrics.has("accuracy"), metrics.toString());

        Path rows = Files.writeString(dir.resolve("rows.csv"), "a,b\n1,-1\n");
        double predicted = Double.parseDouble(DemoRun.of("predict", "--backend", "cpu",
                "--model", model.toString(), "--csv", rows.toString()).succeeded().strip());
        assertEquals(105, predicted, 1, "the target scaler's inverse gives the label's units");
    }

    @Test
    void earlyStoppingHoldsOutValidationRowsAndEndsTraining() throws IOException {
        Path summary = dir.resolve("summary.json");
        String out = csv("--file", blobs().toString(), "--label", "species", "--epochs", "400",
                "--early-stopping", "3", "--summary-json", summary.toString()).succeeded();

        assertContains(out, "validation: 20% of the training rows", "stopped early after epoch");
        assertTrue(json(summary).get("epochs_run").getAsInt() < 400);
    }

    @Test
    void featuresCanBeChosenAndRowsWithMissingValuesSkipped() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(blobs()));
        lines.replaceAll(line -> line + (line.startsWith("x,") ? ",note" : ",text"));
        lines.set(3, lines.get(3).replaceFirst("^[^,]*", "NA"));
        Path data = Files.write(dir.resolve("noted.csv"), lines, StandardCharsets.UTF_8);
        String out = csv("--file", data.toString(), "--label", "species", "--features", "y,x",
                "--skip-missing", "NA", "--epochs", "2").succeeded();

        assertContains(out,
                ", 179 rows, 2 features [y, x], label 'species'",
                "rows skipped for a missing value: 1, on lines [4]");
    }

    @Test
    void helpShowsTheCsvCommandsOwnDefaults() {
        String help = DemoRun.of("csv", "--help").succeeded().replaceAll("\\s+", " ");
        for (String option : new String[] {"--hidden", "--optimizer", "--epochs",
                "--batch-size"}) {
            String described = help.substring(help.lastIndexOf(option + "="));
            String shown = described.substring(described.indexOf("(default: "));
            assertTrue(shown.startsWith("(default: " + CsvCommand.Defaults.value(option) + ")"),
                    described);
        }
    }

    @Test
    void badFilesFailWithOneLineNamingTheLineAndColumn() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,y\n1,2,p\n3,x,q\n");
        csv("--file", bad.toString(), "--label", "y").failedWithOneLine(MnistDemo.EXIT_FAILURE,
                "csv failed: " + bad + ": line 3, column 'b': 'x' is not a number");
        csv("--file", bad.toString(), "--label", "label").failedWithOneLine(
                MnistDemo.EXIT_FAILURE, bad + ": line 1, column 'label': no such column; the"
                        + " header has [a, b, y]");
        Path missing = dir.resolve("missing.csv");
        csv("--file", missing.toString(), "--label", "y").failedWithOneLine(
                MnistDemo.EXIT_FAILURE, missing + ": no such file");
        DemoRun.of("predict", "--model", "m.nn4j", "--csv", bad.toString()).failedWithOneLine(
                MnistDemo.EXIT_FAILURE, bad + ": line 2, column 'y': 'p' is not a number");
    }
}
