package io.nn4j.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repeated runs of one configuration on one backend. On a shared machine one run can land
 * in a slow spell, so the report shows the run whose mean epoch time is the median, beside the
 * fastest and slowest runs' means.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param config  the network configuration, e.g. {@code S}
 * @param backend the backend the runs used
 * @param runs    the runs, at least one
 */
public record EndToEndRuns(String config, String backend, List<EndToEndResult> runs) {

    /** @throws IllegalArgumentException for no runs */
    public EndToEndRuns {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs of config " + config + " on " + backend);
        }
        runs = List.copyOf(runs);
    }

    /** The results grouped by configuration and backend, in the order each pair first appears. */
    public static List<EndToEndRuns> group(List<EndToEndResult> results) {
        Map<List<String>, List<EndToEndResult>> groups = new LinkedHashMap<>();
        for (EndToEndResult r : results) {
            groups.computeIfAbsent(List.of(r.config(), r.backend()), key -> new ArrayList<>())
                    .add(r);
        }
        List<EndToEndRuns> grouped = new ArrayList<>();
        groups.forEach((key, runs) -> grouped.add(new EndToEndRuns(key.get(0), key.get(1), runs)));
        return grouped;
    }

    /** The run whose mean epoch time is the median (the lower middle one of an even count). */
    public EndToEndResult median() {
        return sortedBySecondsPerEpoch().get((runs.size() - 1) / 2);
    }

    /** The smallest mean epoch time of the runs. */
    public double fastestSecondsPerEpoch() {
        return sortedBySecondsPerEpoch().get(0).secondsPerEpoch();
    }

    /** The largest mean epoch time of the runs. */
    public double slowestSecondsPerEpoch() {
        return sortedBySecondsPerEpoch().get(runs.size() - 1).secondsPerEpoch();
    }

    private List<EndToEndResult> sortedBySecondsPerEpoch() {
        return runs.stream().sorted(Comparator.comparingDouble(EndToEndResult::secondsPerEpoch))
                .toList();
    }
}
