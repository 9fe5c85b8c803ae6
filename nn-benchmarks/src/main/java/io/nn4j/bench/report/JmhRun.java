package io.nn4j.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one JMH run, read from its JSON file ({@code -rf json}).
 *
 * @param jmhVersion the JMH version that ran them
 * @param jvm        the JVM's name and version
 * @param settings   warmup, measurement, forks and mode, as one line
 * @param results    one entry per benchmark and parameter combination, in the run's order
 */
public record JmhRun(String jmhVersion, String jvm, String settings, List<Result> results) {
    private static final String EXPECTED = "JMH's JSON result format (-rf json), an array of "
            + "results";

    /**
     * One benchmark's figure.
     *
     * @param suite         the benchmark class's simple name, e.g. {@code GemmBenchmark}
     * @param method        the benchmark method, e.g. {@code gemm}
     * @param params        its {@code @Param} values
     * @param secondsPerOp  the mean time of one call
     * @param errorSeconds  JMH's 99.9% error of that mean, NaN when too few iterations ran
     */
    public record Result(String suite, String method, Map<String, String> params,
                         double secondsPerOp, double errorSeconds) {

        /** The value of parameter {@code name}, or {@code null} when it has none. */
        public String param(String name) {
            return params.get(name);
        }
    }

    /** Reads a JMH JSON result file ({@code -rf json}). */
    public static JmhRun read(Path file) throws IOException {
        JsonElement root = JsonFields.parse(file, EXPECTED);
        try {
            JsonArray entries = root.getAsJsonArray();
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("it holds no results");
            }
            return parse(entries);
        } catch (IllegalArgumentException | IllegalStateException
                 | UnsupportedOperationException e) {
            throw new IOException(file + ": " + e.getMessage() + "; expected " + EXPECTED, e);
        }
    }

    private static JmhRun parse(JsonArray entries) {
        List<Result> results = new ArrayList<>();
        for (JsonElement element : entries) {
            JsonObject entry = element.getAsJsonObject();
            String benchmark = JsonFields.required(entry, "benchmark").getAsString();
            int dot = benchmark.lastIndexOf('.');
            String qualifiedClass = benchmark.substring(0, dot);
            Map<String, String> params = new LinkedHashMap<>();
            JsonObject paramObject = entry.getAsJsonObject("params");
            if (paramObject != null) {
                paramObject.entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
            }
            JsonObject metric = JsonFields.required(entry, "primaryMetric").getAsJsonObject();
            double toSeconds = secondsPer(JsonFields.required(metric, "scoreUnit").getAsString());
            results.add(new Result(qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1),
                    benchmark.substring(dot + 1), Map.copyOf(params),
                    number(JsonFields.required(metric, "score")) * toSeconds,
                    number(metric.get("scoreError")) * toSeconds));
        }
        JsonObject first = entries.get(0).getAsJsonObject();
        String settings = String.format("mode %s, warmup %s × %s, measurement %s × %s, %s fork(s), "
                        + "%s thread(s)", text(first, "mode"), text(first, "warmupIterations"),
                text(first, "warmupTime"), text(first, "measurementIterations"),
                text(first, "measurementTime"), text(first, "forks"), text(first, "threads"));
        return new JmhRun(text(first, "jmhVersion"), text(first, "vmName") + " "
                + text(first, "vmVersion"), settings, List.copyOf(results));
    }

    /** The results of one suite's method, in the run's order. */
    public List<Result> of(String suite, String method) {
        return results.stream()
                .filter(r -> r.suite().equals(suite) && r.method().equals(method)).toList();
    }

    private static double secondsPer(String unit) {
        return switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            default -> throw new IllegalArgumentException("score unit " + unit
                    + " is not a time per operation; run the suites in mode avgt or ss");
        };
    }

    private static double number(JsonElement value) {
        return value == null || value.isJsonNull() ? Double.NaN
                : Double.parseDouble(value.getAsString());
    }

    private static String text(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? "?" : value.getAsString();
    }
}
