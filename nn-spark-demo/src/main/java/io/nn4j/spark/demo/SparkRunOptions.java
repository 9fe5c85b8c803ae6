package io.nn4j.spark.demo;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * Where the Spark demo and the MLlib comparison run (a picocli mixin): the Spark master and
 * the MNIST folder the executors read. Filled by picocli on one thread, then read.
 */
final class SparkRunOptions {
    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the MNIST files, seen by every executor (default: "
                    + "data/mnist).")
    Path dataDir = Path.of(System.getProperty("nn.mnist.dir", "data/mnist"));

    /** Starts the session on {@link #master}; see {@link SparkSessions#start}. */
    SparkSession startSession(String appName, String executorBackend) {
        return SparkSessions.start(master, appName, executorBackend);
    }
}
