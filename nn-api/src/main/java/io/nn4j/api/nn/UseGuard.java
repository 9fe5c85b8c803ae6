package io.nn4j.api.nn;

/**
 * Who may use a {@link Sequential} right now: any number of inference calls at once, or one
 * training thread (which may also run inference); never both from different threads, and
 * nothing once the model is closed.
 *
 * <p>Training is re-entrant on its thread ({@code fit} holds it while each step's
 * {@code forward} and {@code backward} take it again). A thread that starts training waits for
 * the inference calls already in flight to finish; inference and a second trainer are refused
 * while it trains, with the trainer's name in the message. Entering and leaving allocate
 * nothing. Safe to share between threads: that is its job.
 */
final class UseGuard {
    private final String owner;
    private Thread trainer;
    private int trainingDepth;
    private int inferences;
    private boolean closed;

    /** A guard for the model described by {@code owner} in messages. */
    UseGuard(String owner) {
        this.owner = owner;
    }

    /**
     * Enters training use on the calling thread for {@code op}, once the inference calls in
     * flight have finished.
     *
     * @throws IllegalStateException when another thread trains the model or it is closed
     */
    synchronized void beginTraining(String op) {
        Thread caller = Thread.currentThread();
        checkOpen(op);
        if (trainer != null && trainer != caller) {
            throw busy(op);
        }
        trainer = caller;
        trainingDepth++;
        awaitNoInference();
    }

    /** Leaves training use; the last exit lets inference and other trainers in again. */
    synchronized void endTraining() {
        if (--trainingDepth == 0) {
            trainer = null;
            notifyAll();
        }
    }

    /**
     * Enters an inference call for {@code op}.
     *
     * @throws IllegalStateException when another thread trains the model or it is closed
     */
    synchronized void beginInference(String op) {
        checkOpen(op);
        if (trainer != null && trainer != Thread.currentThread()) {
            throw busy(op);
        }
        inferences++;
    }

    /** Leaves an inference call. */
    synchronized void endInference() {
        if (--inferences == 0) {
            notifyAll();
        }
    }

    /**
     * Refuses every later use and waits for the inference calls in flight to finish.
     *
     * @return false when the model was already closed
     * @throws IllegalStateException when another thread is training the model
     */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        if (trainer != null && trainer != Thread.currentThread()) {
            throw busy("close");
        }
        closed = true;
        awaitNoInference();
        return true;
    }

    private void awaitNoInference() {
        boolean interrupted = false;
        while (inferences > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": " + owner + " has been closed");
        }
    }

    private IllegalStateException busy(String op) {
        return new IllegalStateException(op + ": " + owner + " is being trained by thread '"
                + trainer.getName() + "'; a model trains on one thread at a time and predicts "
                + "only when no other thread trains it (wait for fit to return, or use a copy "
                + "loaded from a model file)");
    }
}
