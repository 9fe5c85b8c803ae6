package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterleavedRoundsTest {

    /**
     * Contestants whose rounds all speed up as rounds are run, by any of them: each round costs
     * {@code base} plus a warm-up that halves with every round run before it.
     */
    private static final class WarmingUp {
        private final List<String> calls = new ArrayList<>();
        private int roundsRun;

        double time(String name, double base) {
            calls.add(name);
            return base + 8.0 / (1 << roundsRun++);
        }
    }

    /** "fast" (1.0 a round once warm), timed first, against "slow" (1.5), in {@code n} rounds. */
    private static InterleavedRounds<String> fastAgainstSlow(WarmingUp warming, int n) {
        Map<String, Double> base = Map.of("fast", 1.0, "slow", 1.5);
        return InterleavedRounds.run(List.of("fast", "slow"), n,
                name -> warming.time(name, base.get(name)));
    }

    @Test
    void theFastestContestantWinsEvenWhenTimedFirstDuringAWarmUp() {
        WarmingUp warming = new WarmingUp();
        InterleavedRounds<String> rounds = fastAgainstSlow(warming, 8);

        assertEquals(List.of("fast", "slow"), List.copyOf(rounds.fastest().keySet()));
        assertEquals(1.0, rounds.fastest().get("fast"), 0.01);
        assertEquals(1.5, rounds.fastest().get("slow"), 0.01);
        assertEquals("fast", Collections.min(rounds.fastest().entrySet(),
                Map.Entry.comparingByValue()).getKey());
        assertEquals(List.of("fast", "slow", "fast", "slow"), warming.calls.subList(0, 4),
                "the contestants take turns");
        assertTrue(rounds.failures().isEmpty());
    }

    @Test
    void oneRoundEachShowsTheBiasThatTurnsRemove() {
        InterleavedRounds<String> rounds = fastAgainstSlow(new WarmingUp(), 1);

        assertTrue(rounds.fastest().get("slow") < rounds.fastest().get("fast"), rounds.fastest()
                .toString());
    }

    @Test
    void aContestantWhoseRoundThrowsIsOutAndNotTimedAgain() {
        IllegalStateException failure = new IllegalStateException("device lost");
        List<String> calls = new ArrayList<>();
        InterleavedRounds<String> rounds = InterleavedRounds.run(List.of("a", "b", "c"), 5,
                name -> {
                    calls.add(name);
                    if (name.equals("b") && calls.size() > 6) {
                        throw failure;
                    }
                    return name.equals("a") ? 2.0 : 3.0;
                });

        assertEquals(Map.of("a", 2.0, "c", 3.0), rounds.fastest());
        assertEquals(List.of("a", "c"), List.copyOf(rounds.fastest().keySet()));
        assertEquals(Map.of("b", failure), rounds.failures());
        assertSame(failure, rounds.failures().get("b"));
        assertEquals(3, Collections.frequency(calls, "b"), calls.toString());
        assertEquals(5, Collections.frequency(calls, "a"));
    }

    @Test
    void aLinkageErrorIsAFailureToo() {
        UnsatisfiedLinkError failure = new UnsatisfiedLinkError("no libOpenCL");
        InterleavedRounds<String> rounds = InterleavedRounds.run(List.of("x"), 2, name -> {
            throw failure;
        });

        assertTrue(rounds.fastest().isEmpty());
        assertSame(failure, rounds.failures().get("x"));
    }

    @Test
    void roundsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InterleavedRounds.run(List.of("x"), 0, name -> 1.0));
        assertEquals("rounds is 0; expected at least 1", e.getMessage());
    }
}
