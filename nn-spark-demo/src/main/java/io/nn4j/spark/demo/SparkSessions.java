package io.nn4j.spark.demo;

import io.nn4j.spark.NnExecutorPlugin;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's Spark session: the master given (a local one bound to the loopback address), the
 * UI off, nn4j's executor plugin on. Stateless: safe from any thread.
 */
final class SparkSessions {
    private SparkSessions() {
    }

    static SparkSession start(String master, String appName, String executorBackend) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.plugins", NnExecutorPlugin.class.getName())
                .config(NnExecutorPlugin.BACKEND, executorBackend);
        if (master != null && !master.isBlank()) {
            builder.master(master);
            if (master.startsWith("local")) {
                // One JVM: the driver need not look for the machine's outside address.
                builder.config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        return builder.getOrCreate();
    }
}
