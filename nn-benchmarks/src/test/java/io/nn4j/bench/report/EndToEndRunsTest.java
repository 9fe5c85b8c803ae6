package io.nn4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndToEndRunsTest {

    private static EndToEndResult run(String config, String backend, double secondsPerEpoch) {
        return new EndToEndResult(config, backend, 5, secondsPerEpoch, secondsPerEpoch,
                secondsPerEpoch, 60000 / secondsPerEpoch, 0.97);
    }

    @Test
    void groupsByConfigAndBackendInTheOrderTheyFirstAppear() {
        EndToEndResult s1 = run("S", "cpu", 0.3);
        EndToEndResult l1 = run("L", "cpu", 3.0);
        EndToEndResult s2 = run("S", "cpu", 0.2);
        EndToEndResult so = run("S", "opencl", 0.4);
        List<EndToEndRuns> groups = EndToEndRuns.group(List.of(s1, l1, s2, so));
        assertEquals(List.of(new EndToEndRuns("S", "cpu", List.of(s1, s2)),
                new EndToEndRuns("L", "cpu", List.of(l1)),
                new EndToEndRuns("S", "opencl", List.of(so))), groups);
    }

    @Test
    void theMedianRunIsTheMiddleOneByMeanEpochTimeAndTheLowerMiddleOfAnEvenCount() {
        EndToEndResult slow = run("S", "cpu", 0.45);
        EndToEndResult fast = run("S", "cpu", 0.25);
        EndToEndResult middle = run("S", "cpu", 0.28);
        EndToEndRuns three = new EndToEndRuns("S", "cpu", List.of(slow, fast, middle));
        assertSame(middle, three.median());
        assertEquals(0.25, three.fastestSecondsPerEpoch());
        assertEquals(0.45, three.slowestSecondsPerEpoch());
        assertSame(fast, new EndToEndRuns("S", "cpu", List.of(slow, fast)).median());
    }

    @Test
    void noRunsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EndToEndRuns("S", "cpu", List.of()));
        assertTrue(e.getMessage().contains("no runs of config S on cpu"), e.getMessage());
    }
}
