package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The meter reports a step that allocates, and forgives the JIT's one-off allocations. */
class StepAllocationMeterTest {
    private static final int BATCHES = 12;

    /** Keeps what a step allocates reachable, so the JIT cannot drop the allocation. */
    private Object kept;

    @Test
    void aStepThatAllocatesPutsEveryEpochOverTheThreshold() {
        StepAllocationMeter meter = new StepAllocationMeter(2, 4);
        runEpochs(meter, 4, -1);
        assertEquals(BATCHES - 2, meter.stepsPerEpoch());
        assertTrue(meter.quietestEpochBytes() >= meter.perStepAllocationThreshold(),
                meter.toString());
    }

    @Test
    void anAllocationInOneEpochOnlyIsForgiven() {
        StepAllocationMeter meter = new StepAllocationMeter(2, 4);
        runEpochs(meter, 4, 3);
        assertTrue(meter.quietestEpochBytes() < meter.perStepAllocationThreshold(),
                meter.toString());
    }

    @Test
    void anEpochThatWasNotRunIsReportedNotTakenAsZero() {
        StepAllocationMeter meter = new StepAllocationMeter(2, 4);
        runEpochs(meter, 3, 0);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, meter::quietestEpochBytes);
        assertTrue(e.getMessage().contains("epoch 4 was not measured"), e.getMessage());
    }

    @Test
    void anEmptyRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StepAllocationMeter(3, 2));
        assertTrue(e.getMessage().contains("expected 1 <= firstEpoch <= lastEpoch"),
                e.getMessage());
    }

    /**
     * Feeds the meter {@code epochs} epochs of {@link #BATCHES} batches; the steps allocate in
     * every epoch when {@code allocatingEpoch} is -1, else only in that epoch.
     */
    private void runEpochs(StepAllocationMeter meter, int epochs, int allocatingEpoch) {
        for (int epoch = 1; epoch <= epochs; epoch++) {
            boolean allocates = allocatingEpoch == -1 || allocatingEpoch == epoch;
            for (int batch = 1; batch <= BATCHES; batch++) {
                if (allocates) {
                    kept = new long[4];
                }
                meter.onBatchEnd(epoch, batch, BATCHES);
            }
        }
    }
}
