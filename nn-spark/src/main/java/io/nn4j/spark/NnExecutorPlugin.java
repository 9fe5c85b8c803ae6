package io.nn4j.spark;

import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * A Spark plugin that opens nn4j's backend in every executor as it starts, before any task
 * runs: the cpu backend then loads its native BLAS (the OpenBLAS it bundles) before anything
 * else in the JVM (Spark MLlib, for one) loads netlib's binding to the system's library, and
 * the first task does not pay for opening it. Enable it with
 * {@code --conf spark.plugins=io.nn4j.spark.NnExecutorPlugin}; {@value #BACKEND} names the
 * backend (default: the JVM's default choice). In local mode the executor is the driver's JVM.
 *
 * <p>Threads: Spark calls it once per executor, at start; it keeps no state of its own.
 */
public final class NnExecutorPlugin implements SparkPlugin {
    /** The Spark setting naming the executors' backend, as {@link SparkTrainer.Builder#executorBackend}. */
    public static final String BACKEND = "spark.nn4j.backend";

    /** Made by Spark from {@code spark.plugins}. */
    public NnExecutorPlugin() {
    }

    /**
     * No driver side.
     *
     * @return null: the plugin has no driver component
     */
    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    /**
     * The executor side, which opens the backend in {@code init}.
     *
     * @return the executor component
     */
    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext context, Map<String, String> extraConf) {
                ExecutorBackends.get(context.conf().get(BACKEND, ""), null);
            }
        };
    }
}
