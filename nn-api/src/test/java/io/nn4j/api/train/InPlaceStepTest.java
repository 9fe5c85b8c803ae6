package io.nn4j.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.nn.InPlaceSgd;
import org.junit.jupiter.api.Test;

class InPlaceStepTest {

    @Test
    void plainSgdStepsInPlaceAtTheScheduledRateAndCountsEachStep() {
        try (Optimizer sgd = new Sgd(0.2f).weightDecay(1e-3f)
                .schedule(LearningRateSchedule.step(1, 0.5))) {
            InPlaceSgd first = sgd.beginInPlaceStep();
            assertEquals(new InPlaceSgd(0.2f, 1e-3f), first);
            assertSame(first, sgd.beginInPlaceStep(), "the same step is reused, not reallocated");
            sgd.startEpoch(1);
            assertEquals(new InPlaceSgd(0.1f, 1e-3f), sgd.beginInPlaceStep());
            assertEquals(3, sgd.steps());
        }
    }

    @Test
    void optimizersThatNeedTheGradientsDoNotStepInPlace() {
        try (Optimizer momentum = new Sgd(0.1f).momentum(0.9f, false);
             Optimizer adam = new Adam(1e-3f)) {
            assertNull(momentum.beginInPlaceStep());
            assertNull(adam.beginInPlaceStep());
            assertEquals(0, momentum.steps(), "a refused in-place step is not counted");
            assertEquals(0, adam.steps());
        }
    }

    @Test
    void keepIsTheFactorWeightDecayLeaves() {
        assertEquals(1f - 0.1f * 0.01f, new InPlaceSgd(0.1f, 0.01f).keep());
        assertEquals(1f, new InPlaceSgd(0.1f, 0f).keep());
    }

    @Test
    void rejectsBadRatesAndDecays() {
        for (float rate : new float[] {0f, -0.1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new InPlaceSgd(rate, 0f));
            assertTrue(e.getMessage().contains("learning rate must be positive and finite, got "
                    + rate), e.getMessage());
        }
        for (float decay : new float[] {-1e-3f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new InPlaceSgd(0.1f, decay));
            assertTrue(e.getMessage().contains("weight decay must be >= 0 and finite, got "
                    + decay), e.getMessage());
        }
    }
}
