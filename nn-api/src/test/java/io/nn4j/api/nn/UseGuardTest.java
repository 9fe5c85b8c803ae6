package io.nn4j.api.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The guard's waits and refusals, step by step with real threads. */
class UseGuardTest {
    private final UseGuard guard = new UseGuard("the test model");

    @Test
    void trainingWaitsForThePredictionsInFlightAndThenRefusesNewOnes() throws Exception {
        guard.beginInference("predict");
        AtomicBoolean training = new AtomicBoolean();
        Thread trainer = new Thread(() -> {
            guard.beginTraining("fit");
            training.set(true);
        }, "test-trainer");
        trainer.start();
        awaitWaiting(trainer);
        assertFalse(training.get(), "training began while a prediction was in flight");
        guard.endInference();
        trainer.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(training.get(), "training began once the prediction finished");
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
        guard.beginInference("predict");
        AtomicBoolean closed = new AtomicBoolean();
        Thread closer = new Thread(() -> closed.set(guard.close()), "test-closer");
        closer.start();
        awaitWaiting(closer);
        assertFalse(closed.get(), "closed while a prediction was in flight");
        guard.endInference();
        closer.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(closed.get(), "closed once the prediction finished");
        assertFalse(guard.close(), "closing twice");
        assertThrows(IllegalStateException.class, () -> guard.beginInference("predict"));
        assertThrows(IllegalStateException.class, () -> guard.beginTraining("fit"));
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, thread.getName() + " never waited");
            Thread.sleep(1);
        }
    }
}
