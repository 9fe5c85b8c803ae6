package io.nn4j.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many threads OpenBLAS runs per call in this JVM, against the CPUs Spark gives a task.
 * OpenBLAS reads its thread count from the environment when it loads ({@value #VARIABLE}, else
 * {@code GOTO_NUM_THREADS}, else {@code OMP_NUM_THREADS}, else every core the machine has), so
 * an executor's limit is set where Spark starts it: {@code spark.executorEnv.OPENBLAS_NUM_THREADS}
 * equal to {@code spark.task.cpus} (in local mode, the variable of the driver's JVM, which
 * {@code scripts/spark-train.sh} sets). Two tasks each running every core's worth of threads
 * took 24-43 s an epoch instead of 0.8 here. The first task in a JVM checks, and logs a warning
 * naming the setting when OpenBLAS would run more threads than the task has CPUs.
 *
 * <p>Threads: safe from any thread; the check runs once per JVM.
 */
final class BlasThreads {
    /** OpenBLAS's own variable, the first it reads. */
    static final String VARIABLE = "OPENBLAS_NUM_THREADS";
    private static final List<String> VARIABLES =
            List.of(VARIABLE, "GOTO_NUM_THREADS", "OMP_NUM_THREADS");
    private static final Logger LOG = LoggerFactory.getLogger(BlasThreads.class);
    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private BlasThreads() {
    }

    /**
     * The threads OpenBLAS runs per call under {@code environment} on a machine of
     * {@code cores} cores: the first of its variables set to a positive number, else the cores.
     */
    static int configured(Map<String, String> environment, int cores) {
        for (String variable : VARIABLES) {
            String value = environment.get(variable);
            if (value != null) {
                try {
                    int threads = Integer.parseInt(value.trim());
                    if (threads > 0) {
                        return Math.min(threads, cores);
                    }
                } catch (NumberFormatException e) {
                    // OpenBLAS ignores it too
                }
            }
        }
        return cores;
    }

    /** Checks this JVM once against a task's {@code taskCpus}; warns when BLAS would use more. */
    static void checkOnce(int taskCpus) {
        if (CHECKED.compareAndSet(false, true)) {
            int threads = configured(System.getenv(), Runtime.getRuntime().availableProcessors());
            if (threads > taskCpus) {
                LOG.warn("OpenBLAS runs {} threads per call in this executor but a task has {} "
                        + "CPU(s) (spark.task.cpus); set spark.executorEnv.{}={} (local mode: "
                        + "{}={} in the driver's environment), or tasks at once fight over the "
                        + "cores", threads, taskCpus, VARIABLE, taskCpus, VARIABLE, taskCpus);
            } else {
                LOG.debug("OpenBLAS runs {} thread(s) per call; a task has {} CPU(s)", threads,
                        taskCpus);
            }
        }
    }
}
