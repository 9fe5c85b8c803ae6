package io.nn4j.mnist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Times contestants in turns and keeps each one's fastest round: round after round, every
 * contestant still in runs one timed round. Whatever speeds them all up as it goes (the JVM
 * compiling the code they share, caches filling) then helps each alike, where timing each once,
 * one after another, favours the one timed last. A contestant whose round throws is out, and
 * what it threw is kept.
 *
 * @param <T> the contestant
 */
final class InterleavedRounds<T> {
    private final Map<T, Double> fastest;
    private final Map<T, Throwable> failures;

    private InterleavedRounds(Map<T, Double> fastest, Map<T, Throwable> failures) {
        this.fastest = Collections.unmodifiableMap(fastest);
        this.failures = Collections.unmodifiableMap(failures);
    }

    /**
     * Runs {@code rounds} rounds of {@code timeRound} on each of {@code contestants}, in their
     * order within each round.
     *
     * @param timeRound runs one round of a contestant and returns its time (lower is faster)
     * @throws IllegalArgumentException when {@code rounds} is not positive
     */
    static <T> InterleavedRounds<T> run(List<T> contestants, int rounds,
                                        ToDoubleFunction<T> timeRound) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds is " + rounds + "; expected at least 1");
        }
        Map<T, Double> fastest = new LinkedHashMap<>();
        Map<T, Throwable> failures = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (T contestant : contestants) {
                if (failures.containsKey(contestant)) {
                    continue;
                }
                try {
                    fastest.merge(contestant, timeRound.applyAsDouble(contestant), Math::min);
                } catch (RuntimeException | LinkageError e) {
                    fastest.remove(contestant);
                    failures.put(contestant, e);
                }
            }
        }
        return new InterleavedRounds<>(fastest, failures);
    }

    /** The fastest round of each contestant that never failed, in the contestants' order. */
    Map<T, Double> fastest() {
        return fastest;
    }

    /** What each contestant that failed threw, in the order they failed. */
    Map<T, Throwable> failures() {
        return failures;
    }
}
