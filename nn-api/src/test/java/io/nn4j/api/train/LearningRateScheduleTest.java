package io.nn4j.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The schedules' factors at chosen epochs, and their argument checks. */
class LearningRateScheduleTest {

    @Test
    void stepDecayMultipliesEveryFewEpochs() {
        LearningRateSchedule schedule = LearningRateSchedule.step(3, 0.5);
        assertEquals(1, schedule.factor(0));
        assertEquals(1, schedule.factor(2));
        assertEquals(0.5, schedule.factor(3));
        assertEquals(0.25, schedule.factor(7));
    }

    @Test
    void cosineGoesFromOneToTheMinimum() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(4, 0.1);
        assertEquals(1, schedule.factor(0), 1e-12);
        assertEquals(0.55, schedule.factor(2), 1e-12);
        assertEquals(0.1 + 0.9 * (1 + Math.cos(0.75 * Math.PI)) / 2, schedule.factor(3), 1e-12);
        assertEquals(0.1, schedule.factor(9), 1e-12);
        assertEquals(1, LearningRateSchedule.cosine(1, 0).factor(0));
    }

    @Test
    void optimizersApplyTheScheduleAtEachEpoch() {
        try (Optimizer sgd = new Sgd(0.2f).schedule(LearningRateSchedule.step(1, 0.5))) {
            sgd.startEpoch(2);
            assertEquals(0.05f, sgd.learningRate());
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(3, -1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f).momentum(1f, false));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f, 1f, 0.9f, 1e-8f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(-1f));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f).weightDecay(-1f));
    }
}
