package io.nn4j.spark;

import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.spi.BackendOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends of this JVM's Spark tasks: opened once per executor JVM and kept for its life,
 * keyed by the backend's name and the GPU Spark assigned the task, so that a task that finds
 * none (a new executor, another GPU) only pays the time of opening one. Backends may be shared
 * by tasks running at once: their ops run on tensors each task owns.
 *
 * <p>An OpenCL task that Spark gave a GPU resource opens that device
 * ({@code nn.opencl.device} set to the resource's address, Spark's device index).
 *
 * <p>Threads: safe from any thread; a backend is opened at most once per key.
 */
final class ExecutorBackends {
    /** The backend option naming the OpenCL device. */
    static final String OPENCL_DEVICE = "nn.opencl.device";
    private static final String OPENCL = "opencl";
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorBackends.class);
    private static final Map<String, Backend> OPEN = new ConcurrentHashMap<>();

    private ExecutorBackends() {
    }

    /**
     * The backend called {@code name} (blank: the JVM's default choice, {@link Backends#load()}),
     * on the GPU {@code gpu} when Spark assigned the task one (null otherwise), opened on first
     * use.
     */
    static Backend get(String name, String gpu) {
        String wanted = name == null ? "" : name.trim();
        String device = gpu != null && (wanted.isEmpty() || wanted.equalsIgnoreCase(OPENCL))
                ? gpu : null;
        String key = (device != null ? OPENCL : wanted) + (device != null ? "@" + device : "");
        return OPEN.computeIfAbsent(key, k -> open(wanted, device));
    }

    private static Backend open(String name, String device) {
        Backend backend;
        if (device != null) {
            backend = Backends.load(OPENCL, BackendOptions.fromSystem().with(OPENCL_DEVICE, device));
        } else {
            backend = name.isEmpty() ? Backends.load() : Backends.load(name);
        }
        LOG.info("nn4j executor backend: {}", backend.description());
        return backend;
    }

    /** Whether this JVM has opened a backend for tasks (the executor plugin's, or a task's). */
    static boolean anyOpen() {
        return !OPEN.isEmpty();
    }
}
