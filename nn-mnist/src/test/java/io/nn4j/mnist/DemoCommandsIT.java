package io.nn4j.mnist;

import static io.nn4j.api.testkit.TextAssertions.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nn4j.mnist.report.TrainingReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand in-process on the real MNIST files: one two-epoch {@code train} run with a
 * report, a saved model and checkpoints, then {@code eval}, {@code predict}, a resumed run,
 * {@code binary} and {@code --backend auto}, each checked by exit code, output and files.
 */
class DemoCommandsIT {
    @TempDir
    static Path dir;

    private static String trainOut;
    private static String data;

    @BeforeAll
    static void trainTwoEpochs() {
        data = MnistTestData.dir().toString();
        trainOut = DemoRun.of("train", "--backend", "cpu", "--epochs", "2", "--data-dir", data,
                "--report-dir", dir.resolve("report").toString(),
                "--save-model", dir.resolve("models/model.nn4j").toString(),
                "--checkpoint-dir", dir.resolve("checkpoints").toString(),
                "--summary-json", dir.resolve("summary.json").toString(), "--timeline")
                .succeeded();
    }

    @Test
    void trainPrintsTheRunEpochByEpoch() {
        assertTrue(trainOut.startsWith("backend: cpu"), trainOut);
        assertContains(trainOut,
                "data: mnist, 60000 training and 10000 test images",
                "network: 784 -> [128] (relu) -> 10 (softmax), loss categorical_crossentropy,"
                        + " SGD(learning rate 0.1), schedule constant, batch 64, epochs 2, seed 42",
                "epoch 1/2   25%  ",
                "epoch 1/2  train loss ",
                "epoch 2/2  train loss ",
                "final test accuracy 0.9",
                "model saved to ",
                "report written to ");
        assertTrue(trainOut.matches("(?s).*\\ntimeline \\(seconds: phase, since the JVM"
                + " started\\):\\n +[0-9.]+ +[0-9.]+  JVM start, class loading, options\\n"
                + " +[0-9.]+ +[0-9.]+  backend ready, model built \\(the data read meanwhile\\)\\n"
                + " +[0-9.]+ +[0-9.]+  data read and checked\\n"
                + " +[0-9.]+ +[0-9.]+  epoch 1, then its test evaluation\\n.*"
                + " +[0-9.]+ +[0-9.]+  report written\\n$"), trainOut);
        assertTrue(Files.isRegularFile(dir.resolve("models/model.nn4j")));
        assertTrue(Files.isRegularFile(dir.resolve("checkpoints/checkpoint-epoch-0002.nn4j")));
        assertFalse(Files.exists(dir.resolve("checkpoints/checkpoint-epoch-0001.nn4j")));
    }

    @Test
    void reportHoldsEveryPictureAtItsSizeAndTheSummary() throws IOException {
        Path report = dir.resolve("report");
        Map<String, int[]> sizes = Map.of(TrainingReport.LOSS, new int[] {800, 500},
                TrainingReport.ACCURACY, new int[] {800, 500},
                TrainingReport.CONFUSION, new int[] {800, 700},
                TrainingReport.MISCLASSIFIED, new int[] {1180, 624},
                TrainingReport.WEIGHTS, new int[] {734, 758});
        for (Map.Entry<String, int[]> picture : sizes.entrySet()) {
            Path file = report.resolve(picture.getKey());
            assertTrue(Files.size(file) > 10_000, file + " is " + Files.size(file) + " bytes");
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, file + " is not a readable image");
            assertEquals(picture.getValue()[0], image.getWidth(), file + " width");
            assertEquals(picture.getValue()[1], image.getHeight(), file + " height");
        }
        JsonObject json = JsonParser.parseString(
                Files.readString(report.resolve(TrainingReport.SUMMARY))).getAsJsonObject();
        assertEquals(2, json.get("epochs").getAsInt());
        assertEquals("mnist", json.get("dataset").getAsString());
        assertEquals(Files.readString(dir.resolve("summary.json")),
                Files.readString(report.resolve(TrainingReport.SUMMARY)));
        double accuracy = json.get("test_accuracy").getAsDouble();
        assertTrue(accuracy >= 0.94 && accuracy <= 1, "test_accuracy " + accuracy);
    }

    @Test
    void evalReportsTheAccuracyTrainingEndedWith() throws IOException {
        String out = DemoRun.of("eval", "--model", dir.resolve("models/model.nn4j").toString(),
                "--data-dir", data, "--backend", "cpu").succeeded();
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("summary.json")))
                .getAsJsonObject();
        Matcher accuracy = Pattern.compile("(?m)^accuracy (0\\.\\d{4}) ").matcher(out);
        assertTrue(accuracy.find(), out);
        // the same model on the same images; batches of another size may round a near tie apart
        assertEquals(json.get("test_accuracy").getAsDouble(),
                Double.parseDouble(accuracy.group(1)), 0.0005, out);
        assertContains(out,
                "784 -> dense 128 relu -> dense 10 softmax",
                "true\\pred      0      1",
                "precision recall     f1");
        assertEquals(11 + 4, out.lines().count(), out);
    }

    @Test
    void predictByIndexAndByPngAgree() throws IOException {
        String model = dir.resolve("models/model.nn4j").toString();
        String byIndex = DemoRun.of("predict", "--model", model, "--index", "0", "--data-dir",
                data).succeeded();
        assertContains(byIndex,
                "image: test image 0 of mnist, true class 7",
                "predicted: 7 (probability 0.");
        assertEquals(3 + 11, byIndex.lines().count(), byIndex);

        float[] pixels = MnistTestData.load().test().image(0);
        for (boolean inverted : new boolean[] {false, true}) {
            Path png = dir.resolve(inverted ? "seven-on-paper.png" : "seven.png");
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int i = 0; i < pixels.length; i++) {
                int grey = Math.round(255 * (inverted ? 1 - pixels[i] : pixels[i]));
                image.setRGB(i % 28, i / 28, grey * 0x010101);
            }
            ImageIO.write(image, "png", png.toFile());
            String out = DemoRun.of("predict", "--model", model, "--image", png.toString())
                    .succeeded();
            assertContains(out, "predicted: 7 (probability 0.");
            assertEquals(inverted, out.contains("(inverted: dark ink on a light background)"),
                    out);
        }
    }

    @Test
    void resumeContinuesFromTheLatestCheckpoint() {
        String out = DemoRun.of("train", "--backend", "cpu", "--epochs", "3", "--data-dir", data,
                "--checkpoint-dir", dir.resolve("checkpoints").toString(), "--resume",
                "--no-report").succeeded();
        assertContains(out, "resuming from ", "checkpoint-epoch-0002.nn4j");
        assertFalse(out.contains("epoch 1/3  train loss"), out);
        assertFalse(out.contains("epoch 2/3  train loss"), out);
        assertContains(out, "epoch 3/3  train loss");
        assertTrue(Files.isRegularFile(dir.resolve("checkpoints/checkpoint-epoch-0003.nn4j")));
    }

    @Test
    void binaryReportsPrecisionAndRecallAtTheThreshold() {
        String out = DemoRun.of("binary", "--backend", "cpu", "--positive", "0", "--epochs", "1",
                "--threshold", "0.4", "--data-dir", data).succeeded();
        assertContains(out,
                "task: mnist class 0 against the rest; 5923 of 60000 training"
                        + " images are positive",
                "-> 1 (sigmoid), loss binary_crossentropy");
        Matcher metrics = Pattern.compile("at threshold 0\\.40 on the 10000 test images:"
                + " precision (\\S+), recall (\\S+), F1").matcher(out);
        assertTrue(metrics.find(), out);
        assertTrue(Double.parseDouble(metrics.group(1)) > 0.9, out);
        assertTrue(Double.parseDouble(metrics.group(2)) > 0.9, out);
        assertContains(out, "     0.90     ");
    }

    @Test
    void autoBackendTimesEachBackendAndSaysWhichItTook() {
        String out = DemoRun.of("train", "--backend", "auto", "--epochs", "1", "--train-size",
                "2000", "--data-dir", data, "--no-report").succeeded();
        Matcher timed = Pattern.compile("auto: (\\w+) takes (\\S+) ms per training step \\(batch"
                + " 64, the fastest of 8 rounds of at least 40 ms, taken in turn with the other"
                + " backends\\)").matcher(out);
        Map<String, Double> millis = new HashMap<>();
        while (timed.find()) {
            millis.put(timed.group(1), Double.parseDouble(timed.group(2)));
        }
        assertTrue(millis.containsKey("cpu"), out);
        assertTrue(millis.containsKey("opencl") || out.contains("auto: skipping opencl"), out);
        String fastest = Collections.min(millis.entrySet(), Map.Entry.comparingByValue()).getKey();
        assertContains(out,
                "auto: using " + fastest + ", the fastest",
                "data: mnist, 2000 training and 10000 test images");
    }
}
