package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code train} command, run in-process for one epoch on the real data, and its summary. */
class TrainCommandIT {
    @TempDir
    Path dir;

    @Test
    void oneEpochPrintsProgressAndWritesTheSummary() throws IOException {
        Path summary = dir.resolve("summary.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MnistDemo.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("train", "--backend", "cpu", "--epochs", "1",
                "--batch-size", String.valueOf(MnistTestData.ONE_EPOCH_BATCH),
                "--learning-rate", String.valueOf(MnistTestData.ONE_EPOCH_LEARNING_RATE),
                "--data-dir", MnistTestData.dir().toString(), "--summary-json", summary.toString());

        assertEquals(0, exitCode, err.toString());
        String printed = out.toString();
        assertTrue(printed.startsWith("backend: cpu"), printed);
        assertTrue(printed.contains("epoch 1/1  train loss "), printed);
        assertTrue(printed.contains("final test accuracy 0.9"), printed);

        JsonObject json = JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
        assertEquals("cpu", json.get("backend").getAsString());
        assertEquals(1, json.get("epochs").getAsInt());
        double accuracy = json.get("test_accuracy").getAsDouble();
        assertTrue(accuracy >= MnistTestData.ONE_EPOCH_ACCURACY && accuracy <= 1,
                "test_accuracy " + accuracy);
        JsonArray seconds = json.getAsJsonArray("epoch_seconds");
        assertEquals(1, seconds.size());
        assertTrue(seconds.get(0).getAsDouble() > 0, json.toString());
        assertEquals(60_000 / seconds.get(0).getAsDouble(),
                json.get("examples_per_second").getAsDouble(), 1e-6);
        assertEquals(128, json.getAsJsonArray("hidden").get(0).getAsInt());
        assertEquals(MnistTestData.ONE_EPOCH_BATCH, json.get("batch_size").getAsInt());
        assertEquals(42, json.get("seed").getAsLong());
    }
}
