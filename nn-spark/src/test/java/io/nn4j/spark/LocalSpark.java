package io.nn4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The tests' one Spark session, started once per JVM: {@code local[2, 2]}, two task threads and
 * up to two attempts per task (so a task that fails once is retried), the UI off, and nn4j's
 * executor plugin on.
 */
final class LocalSpark {
    static final String MASTER = "local[2, 2]";
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master(MASTER)
                    .appName("nn-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.plugins", NnExecutorPlugin.class.getName())
                    .config(NnExecutorPlugin.BACKEND, "cpu")
                    .getOrCreate();
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
