package io.nn4j.mnist;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work that runs on a thread of its own while the caller does something else, such as reading
 * the data while the backend opens. {@link #join} hands over its result, or throws what it threw.
 *
 * <p>Safe to share between threads as a {@link FutureTask} is; meant for the thread that started
 * it.
 *
 * @param <T> what the work makes
 */
public final class BackgroundTask<T> {
    private final FutureTask<T> task;

    private BackgroundTask(FutureTask<T> task) {
        this.task = task;
    }

    /**
     * Starts {@code work} on a daemon thread named {@code name}.
     *
     * @param name the thread's name
     * @param work what the thread computes
     * @param <T>  what the work makes
     * @return the running work
     */
    public static <T> BackgroundTask<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return new BackgroundTask<>(task);
    }

    /**
     * Waits for the work and returns what it made.
     *
     * @return what the work made
     * @throws IOException what the work threw, as it was thrown (a runtime exception or error
     *                     is thrown as it is too)
     */
    public T join() throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
