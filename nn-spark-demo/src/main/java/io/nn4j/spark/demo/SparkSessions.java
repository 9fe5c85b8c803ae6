package io.nn4j.spark.demo;

import io.nn4j.spark.NnExecutorPlugin;
import org.apache.spark.sql.SparkSession;

/** The demo's Spark session: the master given, the UI off, nn4j's executor plugin on. */
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
        }
        return builder.getOrCreate();
    }
}
