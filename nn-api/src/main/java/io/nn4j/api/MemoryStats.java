package io.nn4j.api;

/**
 * How many tensors a backend holds open and how many bytes they take.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param liveTensors tensors made and not yet closed
 * @param liveBytes   bytes held by those tensors
 */
public record MemoryStats(long liveTensors, long liveBytes) {
}
