package io.nn4j.api.spi;

import io.nn4j.api.Backends;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings that {@link io.nn4j.api.Backends} passes to a provider's
 * {@link BackendProvider#probe(BackendOptions) probe} and
 * {@link BackendProvider#create(BackendOptions) create} alike: string keys such as
 * {@code nn.cpu.threads}.
 *
 * <p>{@link #fromSystem()} is the one place where the JVM's settings become options; a
 * provider reads its settings from here, never from system properties.
 *
 * <p>Immutable: safe to share between threads.
 */
public final class BackendOptions {
    private final Map<String, String> values;

    private BackendOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Options holding exactly the given entries.
     *
     * @param values the options by name
     * @return options holding a copy of {@code values}
     */
    public static BackendOptions of(Map<String, String> values) {
        return new BackendOptions(values);
    }

    /**
     * The system properties whose names start with {@code nn.}, and the environment variable
     * {@value Backends#ENVIRONMENT} as {@value Backends#PROPERTY} when that property is unset
     * or blank.
     *
     * @return the options read from this JVM and its environment
     */
    public static BackendOptions fromSystem() {
        return from(System.getProperties(), System.getenv());
    }

    /** {@link #fromSystem()} over given properties and environment. */
    static BackendOptions from(Properties properties, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("nn.")) {
                values.put(name, properties.getProperty(name));
            }
        }
        String variable = environment.get(Backends.ENVIRONMENT);
        if (isBlank(values.get(Backends.PROPERTY)) && !isBlank(variable)) {
            values.put(Backends.PROPERTY, variable);
        }
        return new BackendOptions(values);
    }

    /**
     * The value of {@code key}, or {@code fallback} when it is not set.
     *
     * @param key the option's name, e.g. {@code nn.opencl.device}
     * @param fallback what to return when it is not set
     * @return the option's value or {@code fallback}
     */
    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /**
     * These options with {@code key} set to {@code value}, replacing any value it had.
     *
     * @param key the option's name, e.g. {@code nn.opencl.device}
     * @param value its value
     * @return new options; these are unchanged
     */
    public BackendOptions with(String key, String value) {
        Map<String, String> changed = new TreeMap<>(values);
        changed.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new BackendOptions(changed);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
