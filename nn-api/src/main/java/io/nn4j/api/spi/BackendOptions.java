package io.nn4j.api.spi;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings passed to a backend when it is opened: string keys such as {@code nn.cpu.threads}.
 *
 * <p>By default they are the JVM's system properties whose names start with {@code nn.}.
 */
public final class BackendOptions {
    private final Map<String, String> values;

    private BackendOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Options holding exactly the given entries. */
    public static BackendOptions of(Map<String, String> values) {
        return new BackendOptions(values);
    }

    /** The system properties whose names start with {@code nn.}. */
    public static BackendOptions fromSystemProperties() {
        Map<String, String> values = new TreeMap<>();
        Properties properties = System.getProperties();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("nn.")) {
                values.put(name, properties.getProperty(name));
            }
        }
        return new BackendOptions(values);
    }

    /** The value of {@code key}, or {@code fallback} when it is not set. */
    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
