package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nn4j.api.metrics.EpochStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
    private static final RunSummary SUMMARY = new RunSummary("cpu", "mnist", List.of(256, 128),
            "relu", 0.2, "SGD(learning rate 0.1)", 64, 0.1, 42, List.of(new EpochStats(1, 0.5, 0.3, 0.90, 2.0, 30000),
                    new EpochStats(2, 0.2, 0.1, 0.97, 4.0, 15000)));

    @TempDir
    Path dir;

    @Test
    void jsonHoldsTheRequiredFields() {
        JsonObject json = JsonParser.parseString(SUMMARY.toJson()).getAsJsonObject();
        assertEquals("cpu", json.get("backend").getAsString());
        assertEquals(2, json.get("epochs").getAsInt());
        assertEquals(0.97, json.get("test_accuracy").getAsDouble());
        assertEquals(2, json.getAsJsonArray("epoch_seconds").size());
        assertEquals(4.0, json.getAsJsonArray("epoch_seconds").get(1).getAsDouble());
        assertEquals(120000 / 6.0, json.get("examples_per_second").getAsDouble(), 1e-9);
        assertEquals(128, json.getAsJsonArray("hidden").get(1).getAsInt());
        assertEquals(0.1, json.get("learning_rate").getAsDouble());
        assertEquals("mnist", json.get("dataset").getAsString());
        assertEquals(0.2, json.get("dropout").getAsDouble());
        assertEquals("SGD(learning rate 0.1)", json.get("optimizer").getAsString());
        assertEquals(0.90, json.getAsJsonArray("epoch_test_accuracy").get(0).getAsDouble());
    }

    @Test
    void writesThroughATemporaryFileAndLeavesOnlyTheTarget() throws IOException {
        Path target = dir.resolve("out/summary.json");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");
        SUMMARY.writeJson(target);
        assertEquals(SUMMARY.toJson() + "\n", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aRegressionRunHasNullAccuraciesForJsonHasNoNaN() {
        RunSummary regression = new RunSummary("cpu", "houses", List.of(16), "relu", 0, "SGD",
                32, 0.1, 42, List.of(new EpochStats(1, 0.5, 0.4, Double.NaN, 2.0, 100)));
        JsonObject json = JsonParser.parseString(regression.toJson()).getAsJsonObject();
        assertTrue(json.get("test_accuracy").isJsonNull());
        assertTrue(json.getAsJsonArray("epoch_test_accuracy").get(0).isJsonNull());
        assertEquals(0.4, json.getAsJsonArray("test_loss").get(0).getAsDouble());
    }

    @Test
    void needsAnEpoch() {
        assertThrows(IllegalArgumentException.class,
                () -> new RunSummary("cpu", "mnist", List.of(128), "relu", 0, "SGD", 64, 0.1, 42,
                        List.of()));
    }
}
