package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.KeptRows;
import io.nn4j.api.MemoryStats;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every backend shares through {@link io.nn4j.api.spi.CheckedBackend}: bad input is
 * rejected with a message naming the op, the argument and what was expected, and memory
 * accounting returns to where it started once tensors are closed.
 */
public final class ContractConformance {

    private ContractConformance() {
    }

    /** {@code gemm} with inner sizes that differ, a {@code C} of the wrong shape, C aliasing A. */
    public static void checkGemmShapeMismatch(Backend backend) {
        try (Tensor a = backend.zeros(Shape.matrix(3, 4));
             Tensor b = backend.zeros(Shape.matrix(5, 6));
             Tensor c = backend.zeros(Shape.matrix(3, 6));
             Tensor other = backend.zeros(Shape.matrix(3, 6));
             Tensor square = backend.zeros(Shape.matrix(3, 3))) {
            rejects(IllegalArgumentException.class, "gemm: op(A) is [3, 4] (A [3, 4]) but op(B) "
                    + "is [5, 6]", () -> backend.gemm(false, false, 1f, a, b, 0f, c));
            rejects(IllegalArgumentException.class, "gemm: C is [3, 6]; expected [4, 6]",
                    () -> backend.gemm(true, false, 1f, a, c, 0f, other));
            rejects(IllegalArgumentException.class, "gemm: C must not be the same tensor as A",
                    () -> backend.gemm(false, false, 1f, square, square, 0f, square));
        }
    }

    /** Other ops with shapes that do not fit: a bias of the wrong length, a short gradient. */
    public static void checkShapeMismatch(Backend backend) {
        try (Tensor z = backend.zeros(Shape.matrix(4, 5));
             Tensor a = backend.zeros(Shape.matrix(4, 5));
             Tensor bias = backend.zeros(Shape.vector(4));
             Tensor grad = backend.zeros(Shape.matrix(4, 4))) {
            rejects(IllegalArgumentException.class, "biasActivation(relu): bias is [4]",
                    () -> backend.biasActivation(Activation.RELU, z, bias, a));
            rejects(IllegalArgumentException.class, "activationBackward(tanh): dZ is [4, 4]",
                    () -> backend.activationBackward(Activation.TANH, z, a, a, grad));
            rejects(IllegalArgumentException.class, "columnSums: out is [4]",
                    () -> backend.columnSums(1f, z, 0f, bias));
        }
    }

    /** A tensor of {@code other} (a second backend instance) passed to {@code backend}'s ops. */
    public static void checkForeignTensor(Backend backend, Backend other) {
        try (Tensor own = backend.zeros(Shape.matrix(2, 2));
             Tensor out = backend.zeros(Shape.matrix(2, 2));
             Tensor foreign = other.zeros(Shape.matrix(2, 2))) {
            rejects(IllegalArgumentException.class, "gemm: B [2, 2] belongs to backend",
                    () -> backend.gemm(false, false, 1f, own, foreign, 0f, out));
            rejects(IllegalArgumentException.class, "copy: src [2, 2] belongs to backend",
                    () -> backend.copy(foreign, own));
            rejects(IllegalArgumentException.class, "copyOut: src [2, 2] belongs to backend",
                    () -> backend.copyOut(foreign, new float[4], 0));
        }
    }

    /** A closed tensor passed to ops; closing twice is harmless. */
    public static void checkClosedTensor(Backend backend) {
        try (Tensor open = backend.zeros(Shape.matrix(2, 2))) {
            Tensor closed = backend.zeros(Shape.matrix(2, 2));
            closed.close();
            closed.close();
            assertTrue(closed.isClosed(), "isClosed() after close()");
            rejects(IllegalStateException.class, "fill: t [2, 2] has been closed",
                    () -> backend.fill(closed, 1f));
            rejects(IllegalStateException.class, "gemm: A [2, 2] has been closed",
                    () -> backend.gemm(false, false, 1f, closed, open, 0f, open));
            rejects(IllegalStateException.class, "has been closed",
                    () -> backend.toArray(closed));
        }
    }

    /**
     * Once {@code closing} (a backend opened for this check) is closed, its tensors read as
     * closed and every op refuses them, and it makes no new tensors.
     */
    public static void checkClosedBackend(Backend closing) {
        Tensor a = closing.fromArray(new float[] {1, 2, 3, 4}, Shape.matrix(2, 2));
        Tensor b = closing.zeros(Shape.matrix(2, 2));
        closing.close();
        assertTrue(a.isClosed() && b.isClosed(), "tensors of a closed backend read as closed");
        rejects(IllegalStateException.class, "has been closed", () -> closing.toArray(a));
        rejects(IllegalStateException.class, "has been closed", () -> closing.fill(b, 1f));
        rejects(IllegalStateException.class, "has been closed",
                () -> closing.gemm(false, false, 1f, a, a, 0f, b));
        rejects(IllegalStateException.class, "has been closed",
                () -> closing.zeros(Shape.vector(3)));
        a.close();
        b.close();
    }

    /** {@code fromArray} and {@code copyIn} with arrays too short or too long for the shape. */
    public static void checkWrongLength(Backend backend) {
        rejects(IllegalArgumentException.class, "fromArray: data has 5 elements; expected 6",
                () -> backend.fromArray(new float[5], Shape.matrix(2, 3)).close());
        rejects(IllegalArgumentException.class, "fromArray: data has 7 elements; expected 6",
                () -> backend.fromArray(new float[7], Shape.matrix(2, 3)).close());
        try (Tensor t = backend.zeros(Shape.matrix(2, 3))) {
            rejects(IllegalArgumentException.class,
                    "copyIn: src has 8 elements; expected at least 9",
                    () -> backend.copyIn(new float[8], 3, t));
            rejects(IllegalArgumentException.class,
                    "copyInRows: rows[1] is 4; expected a row of src in [0, 4)",
                    () -> backend.copyInRows(new float[12], new int[] {0, 4}, 0, t));
            rejects(IllegalArgumentException.class,
                    "copyInRows: rows has 2 indices; expected at least 3",
                    () -> backend.copyInRows(new float[12], new int[] {0, 1}, 1, t));
            rejects(IllegalArgumentException.class,
                    "keepRows: 12 features in rows of 3 and 5 targets in rows of 1; expected the "
                            + "same number of whole rows",
                    () -> backend.keepRows(new float[12], 3, new float[5], 1));
            rejects(IllegalArgumentException.class,
                    "keepRows: codes[2] is 7; expected an index into the palette of 3 values",
                    () -> backend.keepRows(new byte[] {0, 2, 7}, new float[3], 3, new float[1],
                            1));
            rejects(IllegalArgumentException.class,
                    "keepRows: the palette holds 257 values; expected 1 to 256",
                    () -> backend.keepRows(new byte[3], new float[257], 3, new float[1], 1));
            Optional<KeptRows> kept = backend.keepRows(new float[12], 3, new float[4], 1);
            if (kept.isPresent()) {
                try (KeptRows rows = kept.get(); Tensor y = backend.zeros(Shape.matrix(2, 1))) {
                    rejects(IllegalStateException.class, "KeptRows.gather: no order was uploaded",
                            () -> rows.gather(0, t, y));
                    rejects(IllegalArgumentException.class,
                            "KeptRows.order: order[1] is 4; expected an example in [0, 4)",
                            () -> rows.order(new int[] {0, 4}));
                    rows.order(new int[] {3, 1, 2});
                    rejects(IllegalArgumentException.class, "KeptRows.gather: the order has 3 "
                            + "positions; expected at least 4", () -> rows.gather(2, t, y));
                    rejects(IllegalArgumentException.class, "KeptRows.gather: features are "
                            + "[2, 3] and targets [2, 3]; expected [m, 3] and [m, 1]",
                            () -> rows.gather(0, t, t));
                    rows.close();
                    rejects(IllegalStateException.class, "KeptRows.gather: the rows have been "
                            + "closed", () -> rows.gather(0, t, y));
                }
            }
        }
    }

    /**
     * {@code memory()} counts each tensor and at least its float32 bytes while it is open, and
     * is back at its starting point once every tensor made here is closed.
     */
    public static void checkMemoryAccounting(Backend backend) {
        MemoryStats baseline = backend.memory();
        Shape[] shapes = {Shape.vector(1), Shape.matrix(3, 17), Shape.matrix(256, 1024)};
        Tensor[] tensors = new Tensor[shapes.length + 1];
        long bytes = 0;
        for (int i = 0; i < shapes.length; i++) {
            tensors[i] = backend.zeros(shapes[i]);
            bytes += (long) shapes[i].size() * Float.BYTES;
        }
        tensors[shapes.length] = backend.fromArray(new float[10], Shape.vector(10));
        bytes += 10L * Float.BYTES;
        MemoryStats open = backend.memory();
        for (Tensor t : tensors) {
            t.close();
        }
        assertEquals(baseline.liveTensors() + tensors.length, open.liveTensors(),
                "memory().liveTensors() with " + tensors.length + " more tensors open");
        assertTrue(open.liveBytes() - baseline.liveBytes() >= bytes, "memory().liveBytes() grew by "
                + (open.liveBytes() - baseline.liveBytes()) + "; expected at least " + bytes);
        assertEquals(baseline, backend.memory(), "memory() after closing every tensor");
    }

    /** Asserts that {@code op} throws {@code type} with a message containing {@code text}. */
    private static void rejects(Class<? extends RuntimeException> type, String text,
                                Executable op) {
        RuntimeException e = assertThrows(type, op, "expected " + type.getSimpleName()
                + " saying '" + text + "'");
        if (e.getMessage() == null || !e.getMessage().contains(text)) {
            fail("expected " + type.getSimpleName() + " saying '" + text + "', got '"
                    + e.getMessage() + "'");
        }
    }
}
