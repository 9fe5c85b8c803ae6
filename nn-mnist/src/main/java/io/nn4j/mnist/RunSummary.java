package io.nn4j.mnist;

import static io.nn4j.mnist.JsonFiles.number;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.nn4j.api.metrics.EpochStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What a training run did, for the report's {@code summary.json} and {@code --summary-json}: the
 * settings and every epoch's figures.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param backend      the backend's name, e.g. {@code cpu}
 * @param dataset      the data set's id, e.g. {@code mnist}
 * @param hidden       the hidden layer sizes, input side first
 * @param activation   the hidden activation's id
 * @param dropout      the dropout rate after each hidden layer (0 for none)
 * @param optimizer    the optimizer as it describes itself, e.g. {@code SGD(learning rate 0.1)}
 * @param batchSize    examples per training step
 * @param learningRate the base learning rate
 * @param seed         the seed of the initial weights and the shuffles
 * @param history      one entry per epoch, in order; at least one
 */
public record RunSummary(String backend, String dataset, List<Integer> hidden, String activation,
                         double dropout, String optimizer, int batchSize, double learningRate,
                         long seed, List<EpochStats> history) {

    /** Copies the lists; the history must not be empty. */
    public RunSummary {
        hidden = List.copyOf(hidden);
        history = List.copyOf(history);
        if (history.isEmpty()) {
            throw new IllegalArgumentException("a run summary needs at least one epoch");
        }
    }

    /** Test accuracy after the last epoch. */
    public double testAccuracy() {
        return history.get(history.size() - 1).testAccuracy();
    }

    /** Training examples per second over the whole run: all examples over all training time. */
    public double examplesPerSecond() {
        double examples = 0;
        double seconds = 0;
        for (EpochStats epoch : history) {
            examples += epoch.examplesPerSecond() * epoch.trainSeconds();
            seconds += epoch.trainSeconds();
        }
        return examples / seconds;
    }

    /**
     * The summary as one JSON object: {@code backend}, {@code epochs}, {@code test_accuracy},
     * {@code epoch_seconds}, {@code examples_per_second}, then the settings and per-epoch losses
     * and accuracies. A figure that is NaN (the accuracy of a regression model, the test
     * figures of a run without a test set) is written as {@code null}.
     */
    public String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("backend", backend);
        json.addProperty("epochs", history.size());
        json.add("test_accuracy", number(testAccuracy()));
        json.add("epoch_seconds", perEpoch(EpochStats::trainSeconds));
        json.addProperty("examples_per_second", examplesPerSecond());
        JsonArray sizes = new JsonArray();
        hidden.forEach(sizes::add);
        json.add("hidden", sizes);
        json.addProperty("activation", activation);
        json.addProperty("dropout", dropout);
        json.addProperty("dataset", dataset);
        json.addProperty("optimizer", optimizer);
        json.addProperty("batch_size", batchSize);
        json.addProperty("learning_rate", learningRate);
        json.addProperty("seed", seed);
        json.add("train_loss", perEpoch(EpochStats::trainLoss));
        json.add("test_loss", perEpoch(EpochStats::testLoss));
        json.add("epoch_test_accuracy", perEpoch(EpochStats::testAccuracy));
        return JsonFiles.text(json);
    }

    /**
     * Writes {@link #toJson()} to {@code target} through a temporary file in the same directory
     * and a rename, so a reader never sees a partial file.
     */
    public void writeJson(Path target) throws IOException {
        JsonFiles.write(target, toJson());
    }

    private JsonArray perEpoch(ToDoubleFunction<EpochStats> field) {
        JsonArray values = new JsonArray();
        history.forEach(epoch -> values.add(number(field.applyAsDouble(epoch))));
        return values;
    }
}
