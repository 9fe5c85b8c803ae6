package io.nn4j.spark.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Spark demo on the real MNIST files (nn.mnist.dir): 784-128-10 in local[2], two
 * partitions, five epochs of local SGD averaged once per pass, the rate scaled by the two
 * partitions, reaches at least 96.5% test accuracy, and says so in its summary JSON.
 */
class MnistSparkIT {
    static final double ACCURACY = 0.965;

    @Test
    void mnistSInLocalTwoReachesTheAccuracyInFiveEpochs(@TempDir Path folder) throws IOException {
        Path summary = folder.resolve("summary.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = new CommandLine(new SparkTrain(new PrintStream(printed, true,
                StandardCharsets.UTF_8))).execute("--master", "local[2]", "--epochs", "5",
                "--data-dir", System.getProperty("nn.mnist.dir"), "--summary-json",
                summary.toString());
        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertEquals(5, output.lines().filter(line -> line.matches("epoch \\d round 1/1: 60000 "
                + "examples, loss .*")).count(), output);
        JsonObject json = JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
        double accuracy = json.get("test_accuracy").getAsDouble();
        assertTrue(accuracy >= ACCURACY, "test accuracy " + accuracy + "; expected at least "
                + ACCURACY + "\n" + output);
        assertTrue(output.contains(String.format(java.util.Locale.ROOT, "test accuracy: %.2f%%",
                100 * accuracy)), output);
    }
}
