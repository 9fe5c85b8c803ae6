package io.nn4j.api.train;

/**
 * Training stopped because the loss became NaN or infinite, or exploded far above where it
 * started ({@link Trainer#fit}). The message says what went wrong, between which steps, and
 * the likely cause; by then the model and its optimizer are back at the last good check.
 *
 * <p>Immutable, so safe to share between threads.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** What most likely made training diverge. */
    public enum LikelyCause {
        /**
         * A NaN or infinite value among the examples trained since the last good check (a data
         * set made with {@link Dataset#allowingNonFinite}); the message names its row and
         * column.
         */
        NON_FINITE_INPUT,
        /** The inputs were finite: the step size (learning rate) blew the weights up. */
        STEP_SIZE,
        /**
         * The model's loss on finite inputs was not finite before any update of this fit: its
         * weights (as built, loaded or restored) are the problem.
         */
        MODEL
    }

    /** What most likely made training diverge (part of the serialized form). */
    private final LikelyCause likelyCause;
    /** The step whose state the model was restored to, 0 for the fit's start (serialized). */
    private final long lastGoodStep;

    /**
     * An exception with its message, likely cause, and the step of the fit (counted from 1;
     * 0 for its start) whose state the model was restored to.
     *
     * @param message what happened and what to try
     * @param likelyCause what most likely made training diverge
     * @param lastGoodStep the step whose state the model was restored to
     */
    public TrainingDivergedException(String message, LikelyCause likelyCause, long lastGoodStep) {
        super(message);
        this.likelyCause = likelyCause;
        this.lastGoodStep = lastGoodStep;
    }

    /**
     * What most likely made training diverge.
     *
     * @return the likely cause
     */
    public LikelyCause likelyCause() {
        return likelyCause;
    }

    /**
     * The training step, counted from 1 within the fit that threw (0 for the state it started
     * from), whose parameters and optimizer state the model now holds.
     *
     * @return the step, 0 for the start of the fit
     */
    public long lastGoodStep() {
        return lastGoodStep;
    }
}
