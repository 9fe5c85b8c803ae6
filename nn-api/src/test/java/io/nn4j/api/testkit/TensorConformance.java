package io.nn4j.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.nn4j.api.Backend;
import io.nn4j.api.KeptRows;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.Arrays;
import java.util.Optional;

/**
 * Conformance of moving data in and out of tensors and of the elementwise utilities:
 * {@code fromArray}, {@code toArray}, {@code zeros}, {@code copyIn}, {@code copyOut},
 * {@code fill} and {@code copy}. All exact.
 */
public final class TensorConformance {

    private TensorConformance() {
    }

    /** {@code fromArray} then {@code toArray} gives the data back; {@code zeros} is all zero. */
    public static void checkRoundTrip(Backend backend, Shape shape) {
        String what = "fromArray/toArray " + shape;
        float[] data = RandomTensors.forCase(what).uniform(shape.size(), -1, 1);
        try (Tensor t = backend.fromArray(data, shape);
             Tensor zeros = backend.zeros(shape)) {
            KitAssertions.assertClose(what, data, backend.toArray(t), shape.cols(),
                    Tolerances.EXACT);
            KitAssertions.assertClose("zeros " + shape, new float[shape.size()],
                    backend.toArray(zeros), shape.cols(), Tolerances.EXACT);
        }
    }

    /**
     * {@code copyIn} from an offset of a larger array into a poisoned tensor, and
     * {@code copyOut} to an offset of a poisoned array, which must keep its poison outside
     * the copied range.
     */
    public static void checkCopyInOut(Backend backend, Shape shape, int offset) {
        String what = "copyIn/copyOut offset " + offset + " " + shape;
        int n = shape.size();
        float[] source = RandomTensors.forCase(what).uniform(offset + n + 3, -1, 1);
        float[] expectedIn = new float[n];
        System.arraycopy(source, offset, expectedIn, 0, n);
        float[] destination = RandomTensors.poison(offset + n + 3);
        try (Tensor t = RandomTensors.poisoned(backend, shape)) {
            backend.copyIn(source, offset, t);
            KitAssertions.assertClose("copyIn offset " + offset + " " + shape, expectedIn,
                    backend.toArray(t), shape.cols(), Tolerances.EXACT);
            backend.copyOut(t, destination, offset);
        }
        float[] copied = new float[n];
        System.arraycopy(destination, offset, copied, 0, n);
        KitAssertions.assertClose("copyOut offset " + offset + " " + shape, expectedIn, copied,
                shape.cols(), Tolerances.EXACT);
        for (int i = 0; i < destination.length; i++) {
            if ((i < offset || i >= offset + n) && !Float.isNaN(destination[i])) {
                fail("copyOut offset " + offset + " " + shape + ": wrote " + destination[i]
                        + " to element " + i + " of the array, outside [" + offset + ", "
                        + (offset + n) + ")");
            }
        }
    }

    /**
     * {@code copyInRows} gathers rows of a larger array, in a shuffled order with a repeat,
     * from an offset into the index array, into a poisoned tensor: exactly.
     */
    public static void checkCopyInRows(Backend backend, Shape shape) {
        String what = "copyInRows " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        int width = shape.cols();
        int available = shape.rows() + 5;
        float[] source = random.uniform(available * width, -1, 1);
        int[] rows = new int[shape.rows() + 3];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.index(available);
        }
        float[] expected = new float[shape.size()];
        for (int r = 0; r < shape.rows(); r++) {
            System.arraycopy(source, rows[3 + r] * width, expected, r * width, width);
        }
        try (Tensor t = RandomTensors.poisoned(backend, shape)) {
            backend.copyInRows(source, rows, 3, t);
            KitAssertions.assertClose(what, expected, backend.toArray(t), width, Tolerances.EXACT);
        }
    }

    /**
     * {@code keepRows}, where the backend keeps data: batches gathered from the kept rows, at
     * an offset into a shuffled order with a repeat and again after a second order, are exactly
     * what {@code copyInRows} copies from the host arrays; for features of any value, of few
     * distinct values (which a backend may keep packed), and coded as bytes into a palette. A
     * backend that keeps nothing returns empty.
     */
    public static void checkKeptRows(Backend backend, Shape shape) {
        String what = "keepRows " + shape;
        RandomTensors random = RandomTensors.forCase(what);
        int width = shape.cols();
        int available = shape.rows() + 5;
        float[] any = random.uniform(available * width, -1, 1);
        float[] few = new float[any.length];
        for (int i = 0; i < few.length; i++) {
            few[i] = random.index(256) / 255f;
        }
        float[] targets = random.uniform(available * 3, -1, 1);
        byte[] codes = new byte[any.length];
        float[] palette = random.uniform(256, -1, 1);
        float[] decoded = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) random.index(256);
            decoded[i] = palette[codes[i] & 0xFF];
        }
        for (float[] features : new float[][] {any, few, decoded}) {
            Optional<KeptRows> kept = features == decoded
                    ? backend.keepRows(codes, palette, width, targets, 3)
                    : backend.keepRows(features, width, targets, 3);
            if (kept.isEmpty()) {
                continue;
            }
            try (KeptRows rows = kept.get();
                 Tensor x = RandomTensors.poisoned(backend, shape);
                 Tensor y = RandomTensors.poisoned(backend, Shape.matrix(shape.rows(), 3));
                 Tensor expectedX = backend.zeros(shape);
                 Tensor expectedY = backend.zeros(Shape.matrix(shape.rows(), 3))) {
                assertEquals(available, rows.size(), what + " size()");
                for (int pass = 0; pass < 2; pass++) {
                    int[] order = new int[shape.rows() + 3];
                    for (int i = 0; i < order.length; i++) {
                        order[i] = random.index(available);
                    }
                    rows.order(order);
                    rows.gather(3, x, y);
                    backend.copyInRows(features, order, 3, expectedX);
                    backend.copyInRows(targets, order, 3, expectedY);
                    KitAssertions.assertClose(what + " features, pass " + pass,
                            backend.toArray(expectedX), backend.toArray(x), width,
                            Tolerances.EXACT);
                    KitAssertions.assertClose(what + " targets, pass " + pass,
                            backend.toArray(expectedY), backend.toArray(y), 3, Tolerances.EXACT);
                }
            }
        }
    }

    /** {@code fill} overwrites a poisoned tensor. */
    public static void checkFill(Backend backend, Shape shape, float value) {
        float[] expected = new float[shape.size()];
        Arrays.fill(expected, value);
        try (Tensor t = RandomTensors.poisoned(backend, shape)) {
            backend.fill(t, value);
            KitAssertions.assertClose("fill(" + value + ") " + shape, expected,
                    backend.toArray(t), shape.cols(), Tolerances.EXACT);
        }
    }

    /** {@code copy} between tensors of one size and different shapes, into poison. */
    public static void checkCopy(Backend backend, Shape from, Shape to) {
        String what = "copy " + from + " -> " + to;
        float[] data = RandomTensors.forCase(what).uniform(from.size(), -1, 1);
        try (Tensor src = backend.fromArray(data, from);
             Tensor dst = RandomTensors.poisoned(backend, to)) {
            backend.copy(src, dst);
            KitAssertions.assertClose(what, data, backend.toArray(dst), to.cols(),
                    Tolerances.EXACT);
        }
    }
}
