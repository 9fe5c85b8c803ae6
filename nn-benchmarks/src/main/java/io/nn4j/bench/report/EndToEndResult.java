package io.nn4j.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One MNIST training run of the demo, read from its {@code --summary-json} file:
 * {@code {"backend", "epochs", "test_accuracy", "epoch_seconds": [...], "examples_per_second"}}.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param config            the network configuration it ran, e.g. {@code S}
 * @param backend           the backend it ran on
 * @param epochs            epochs trained
 * @param secondsPerEpoch   the mean of the epochs' wall-clock seconds
 * @param firstEpochSeconds the first epoch's seconds, which include the JIT compiling the
 *                          training loop (and, on a device, its first launches)
 * @param laterEpochSeconds the mean of the other epochs' seconds, the steady state; NaN when
 *                          only one epoch ran
 * @param examplesPerSecond training examples per second, as the demo measured it
 * @param testAccuracy      accuracy on the test set after the last epoch, in {@code [0, 1]}
 */
public record EndToEndResult(String config, String backend, int epochs, double secondsPerEpoch,
                             double firstEpochSeconds, double laterEpochSeconds,
                             double examplesPerSecond, double testAccuracy) {
    private static final String EXPECTED = "the demo's summary JSON with backend, epochs, "
            + "test_accuracy, epoch_seconds and examples_per_second";

    /** Reads the summary written for configuration {@code config}. */
    public static EndToEndResult read(String config, Path file) throws IOException {
        JsonElement root = JsonFields.parse(file, EXPECTED);
        try {
            JsonObject summary = root.getAsJsonObject();
            JsonArray seconds = JsonFields.required(summary, "epoch_seconds").getAsJsonArray();
            if (seconds.isEmpty()) {
                throw new IllegalArgumentException("epoch_seconds is empty");
            }
            double total = 0;
            for (JsonElement s : seconds) {
                total += s.getAsDouble();
            }
            double first = seconds.get(0).getAsDouble();
            double later = seconds.size() > 1 ? (total - first) / (seconds.size() - 1) : Double.NaN;
            return new EndToEndResult(config,
                    JsonFields.required(summary, "backend").getAsString(),
                    JsonFields.required(summary, "epochs").getAsInt(), total / seconds.size(),
                    first, later,
                    JsonFields.required(summary, "examples_per_second").getAsDouble(),
                    JsonFields.required(summary, "test_accuracy").getAsDouble());
        } catch (IllegalArgumentException | IllegalStateException
                 | UnsupportedOperationException e) {
            throw new IOException(file + ": " + e.getMessage() + "; expected " + EXPECTED, e);
        }
    }
}
