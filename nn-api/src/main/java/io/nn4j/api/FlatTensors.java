package io.nn4j.api;

import java.util.Collection;
import java.util.Objects;

/**
 * Several tensors read and written as one host array, one after another in the collection's
 * order, each row-major: a model's parameters as a single vector (e.g.
 * {@code model.parameters()} mapped to {@link Parameter#value()}) to send over a network,
 * average, or compare, and an optimizer's state the same way
 * ({@code optimizer.stateTensors(parameters).values()}).
 *
 * <p>Stateless: safe from any thread; the tensors follow {@link Tensor}'s rules (no other thread
 * may write one while it is read, nor use one while it is written).
 */
public final class FlatTensors {
    private FlatTensors() {
    }

    /**
     * The number of values the tensors hold together.
     *
     * @param tensors the tensors, in order
     * @return the sum of their sizes
     * @throws IllegalArgumentException when they hold more than {@link Integer#MAX_VALUE} values,
     *                                  more than one array can
     */
    public static int length(Collection<Tensor> tensors) {
        long total = 0;
        for (Tensor tensor : tensors) {
            total += tensor.shape().size();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(tensors.size() + " tensors hold " + total
                    + " values; one array holds at most " + Integer.MAX_VALUE);
        }
        return (int) total;
    }

    /**
     * Copies every tensor's values into {@code dst} from {@code offset} on, one tensor after the
     * other. Modifies {@code dst}.
     *
     * @param tensors the tensors read, in order
     * @param dst the array written
     * @param offset the index in {@code dst} of the first value
     * @throws IllegalArgumentException when {@code dst} has fewer than {@link #length} values
     *                                  from {@code offset}, naming both counts
     */
    public static void copyOut(Collection<Tensor> tensors, float[] dst, int offset) {
        checkRoom("copyOut", tensors, Objects.requireNonNull(dst, "dst").length, offset);
        int at = offset;
        for (Tensor tensor : tensors) {
            tensor.backend().copyOut(tensor, dst, at);
            at += tensor.shape().size();
        }
    }

    /**
     * A new array holding every tensor's values, one tensor after the other.
     *
     * @param tensors the tensors read, in order
     * @return their values, {@link #length} of them
     */
    public static float[] toArray(Collection<Tensor> tensors) {
        float[] values = new float[length(tensors)];
        copyOut(tensors, values, 0);
        return values;
    }

    /**
     * Writes {@code src}'s values from {@code offset} on into the tensors, one tensor after the
     * other: the inverse of {@link #copyOut}. Modifies the tensors.
     *
     * @param src the values, as {@link #copyOut} lays them out
     * @param offset the index in {@code src} of the first value
     * @param tensors the tensors written, in order
     * @throws IllegalArgumentException when {@code src} has fewer than {@link #length} values
     *                                  from {@code offset}, naming both counts
     */
    public static void copyIn(float[] src, int offset, Collection<Tensor> tensors) {
        checkRoom("copyIn", tensors, Objects.requireNonNull(src, "src").length, offset);
        int at = offset;
        for (Tensor tensor : tensors) {
            tensor.backend().copyIn(src, at, tensor);
            at += tensor.shape().size();
        }
    }

    private static void checkRoom(String op, Collection<Tensor> tensors, int arrayLength,
                                  int offset) {
        int needed = length(tensors);
        if (offset < 0 || (long) offset + needed > arrayLength) {
            throw new IllegalArgumentException(op + ": " + tensors.size() + " tensors hold "
                    + needed + " values; the array has " + arrayLength + " and the offset is "
                    + offset + ", expected an offset in [0, " + (arrayLength - needed) + "]");
        }
    }
}
