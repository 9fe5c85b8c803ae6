package io.nn4j.spark.demo;

import com.google.gson.GsonBuilder;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.train.Dataset;
import io.nn4j.spark.Example;
import io.nn4j.spark.RoundStats;
import io.nn4j.spark.SparkFit;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scripts/spark-train.sh}: trains an MNIST network with nn-spark on a Spark master,
 * printing one line per round and per epoch, then the test accuracy, and writing the summary
 * JSON ({@code test_accuracy} among its fields) when asked. A command object runs once, on one
 * thread.
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true,
        description = "Train an MNIST network data-parallel on Spark with nn-spark.")
public final class SparkTrain implements Callable<Integer> {
    @Mixin
    SparkRunOptions cluster;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the training set (default: Spark's default "
                    + "parallelism).")
    int partitions;

    @Option(names = "--train-size", paramLabel = "N", defaultValue = "0",
            description = "Train on the first N images only (default: all 60000).")
    int trainSize;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "cpu",
            description = "Backend of the returned model on the driver (default: "
                    + "${DEFAULT-VALUE}).")
    String backendName;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Write the run's figures as JSON.")
    Path summaryJson;

    @Mixin
    TrainerOptions options;

    private final PrintStream out;

    /** A command that prints to standard output. */
    public SparkTrain() {
        this(System.out);
    }

    SparkTrain(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkTrain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SparkSession spark = cluster.startSession("nn4j spark-train",
                options.executorBackend);
        try (Backend backend = Backends.load(backendName)) {
            Map<String, Object> summary = run(spark, backend);
            if (summaryJson != null) {
                Files.writeString(summaryJson, new GsonBuilder().setPrettyPrinting()
                        .serializeSpecialFloatingPointValues().create().toJson(summary) + "\n",
                        StandardCharsets.UTF_8);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Trains and reports; returns the summary's fields. */
    Map<String, Object> run(SparkSession spark, Backend backend) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = partitions > 0 ? partitions : context.defaultParallelism();
        out.printf(Locale.ROOT, "nn4j on Spark %s, master %s, %d partitions: %s%n",
                spark.version(), context.master(), slices, options.describe());
        JavaRDD<Example> train =
                MnistPartitions.train(context, cluster.dataDir, slices, trainSize);
        Dataset test = MnistPartitions.test(cluster.dataDir);
        long start = System.nanoTime();
        List<Map<String, Object>> epochs = new ArrayList<>();
        try (SparkFit fit = options.trainer().listener(this::printRound).build()
                .fit(train, backend, test)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            for (EpochStats epoch : fit.history()) {
                out.printf(Locale.ROOT, "epoch %d: train loss %.4f, test loss %.4f, test "
                        + "accuracy %.2f%%, %.2f s%n", epoch.epoch(), epoch.trainLoss(),
                        epoch.testLoss(), 100 * epoch.testAccuracy(), epoch.trainSeconds());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("epoch", epoch.epoch());
                row.put("train_loss", epoch.trainLoss());
                row.put("test_loss", epoch.testLoss());
                row.put("test_accuracy", epoch.testAccuracy());
                row.put("seconds", epoch.trainSeconds());
                epochs.add(row);
            }
            EpochStats last = fit.history().get(fit.history().size() - 1);
            out.printf(Locale.ROOT, "test accuracy: %.2f%% (%d rounds, fit %.1f s)%n",
                    100 * last.testAccuracy(), fit.rounds().size(), seconds);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("master", context.master());
            summary.put("spark_version", spark.version());
            summary.put("partitions", slices);
            summary.put("settings", options.describe());
            summary.put("driver_backend", backend.description());
            summary.put("rounds", fit.rounds().size());
            summary.put("fit_seconds", seconds);
            summary.put("test_accuracy", last.testAccuracy());
            summary.put("test_loss", last.testLoss());
            summary.put("epochs", epochs);
            return summary;
        }
    }

    private void printRound(RoundStats round) {
        out.printf(Locale.ROOT, "epoch %d round %d/%d: %d examples, loss %.4f, %.2f s%n",
                round.epoch(), round.round(), round.rounds(), round.examples(),
                round.meanLoss(), round.seconds());
    }
}
