package io.nn4j.mnist;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's time goes: the phases one after the other, from the start of the JVM (its
 * start, class loading and option parsing come before the first mark), each logged at
 * DEBUG as it ends and printed as a table by {@code train --timeline}.
 *
 * <p>Not safe to share between threads: the thread that runs the command marks the phases.
 */
final class RunTimeline {
    private static final Logger LOG = LoggerFactory.getLogger(RunTimeline.class);

    private final Instant start;
    private final List<String> phases = new ArrayList<>();
    private final List<Duration> ends = new ArrayList<>();

    private RunTimeline(Instant start) {
        this.start = start;
    }

    /** A timeline from the moment the JVM started (its own record, to the millisecond). */
    static RunTimeline sinceJvmStart() {
        return new RunTimeline(Instant.ofEpochMilli(
                ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    /** Ends the phase {@code name} now: it ran from the previous mark (or the start) to here. */
    void mark(String name) {
        Duration end = Duration.between(start, Instant.now());
        Duration began = ends.isEmpty() ? Duration.ZERO : ends.get(ends.size() - 1);
        phases.add(name);
        ends.add(end);
        LOG.debug("{}: {} ms (at {} ms)", name, end.minus(began).toMillis(), end.toMillis());
    }

    /** Prints one line a phase (seconds it took, seconds since the start) and the total. */
    void print(PrintWriter out) {
        out.println("timeline (seconds: phase, since the JVM started):");
        Duration began = Duration.ZERO;
        for (int i = 0; i < phases.size(); i++) {
            out.println(String.format(Locale.ROOT, "  %6.3f  %6.3f  %s",
                    seconds(ends.get(i).minus(began)), seconds(ends.get(i)), phases.get(i)));
            began = ends.get(i);
        }
        out.flush();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
