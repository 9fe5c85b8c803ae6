package io.nn4j.api.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The guard's waits and refusals, step by step with real threads. */
class UseGuardTest {
    private final UseGuard guard = new UseGuard("the test model");

    @Test
    void trainingWaitsForThePredictionsInFlightAndThenRefusesNewOnes() throws Exception {
        runsOnceThePredictionInFlightEnds("test-trainer", () -> {
            guard.beginTraining("fit");
            return true;
        });
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> guard.beginInference("predict"));
        assertEquals("predict: the test model is being trained by thread 'test-trainer'; a model "
                + "trains on one thread at a time and predicts only when no other thread trains "
                + "it (wait for fit to return, or use a copy loaded from a model file)",
                refused.getMessage());
    }

    @Test
    void theTrainingThreadMayNestAndPredict() {
        guard.beginTraining("fit");
        guard.beginTraining("forward");
        guard.beginInference("evaluate");
        guard.endInference();
        guard.endTraining();
        guard.endTraining();
        guard.beginInference("predict");
        guard.endInference();
    }

    @Test
    void closeWaitsForThePredictionsInFlightAndThenRefusesEverything() throws Exception {
        runsOnceThePredictionInFlightEnds("test-closer", guard::close);
        assertFalse(guard.close(), "closing twice");
        assertThrows(IllegalStateException.class, () -> guard.beginInference("predict"));
        assertThrows(IllegalStateException.class, () -> guard.beginTraining("fit"));
    }

    /**
     * Begins a prediction, starts {@code action} on a thread named {@code name}, and shows that
     * it waits for the prediction to end and then completes, answering {@code true}.
     */
    private void runsOnceThePredictionInFlightEnds(String name, BooleanSupplier action)
            throws InterruptedException {
        guard.beginInference("predict");
        AtomicBoolean done = new AtomicBoolean();
        Thread thread = new Thread(() -> done.set(action.getAsBoolean()), name);
        thread.start();
        awaitWaiting(thread);
        assertFalse(done.get(), name + " went on while a prediction was in flight");
        guard.endInference();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(done.get(), name + " went on once the prediction finished");
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, thread.getName() + " never waited");
            Thread.sleep(1);
        }
    }
}
