package io.nn4j.api.testkit;

import io.nn4j.api.Shape;
import java.util.List;

/**
 * The matrix shapes the kit runs row-wise and elementwise ops on: degenerate ones, odd sizes
 * around tile and vector widths, and the MNIST activation shapes ({@code [64, 128]} hidden,
 * {@code [256, 1024]} hidden, {@code [256, 10]} output).
 */
public final class KitShapes {

    private KitShapes() {
    }

    /** Shapes for activations, bias adds, column sums and updates. */
    public static List<Shape> matrices() {
        return List.of(Shape.matrix(1, 1), Shape.matrix(1, 257), Shape.matrix(257, 1),
                Shape.matrix(3, 17), Shape.matrix(17, 3), Shape.matrix(33, 65),
                Shape.matrix(64, 64), Shape.matrix(127, 257), Shape.matrix(64, 128),
                Shape.matrix(256, 1024), Shape.matrix(256, 10));
    }

    /** Shapes for losses and metrics: {@code examples × classes}, at least two classes. */
    public static List<Shape> outputs() {
        return List.of(Shape.matrix(1, 2), Shape.matrix(1, 257), Shape.matrix(3, 17),
                Shape.matrix(17, 10), Shape.matrix(65, 33), Shape.matrix(64, 10),
                Shape.matrix(256, 10), Shape.matrix(127, 1024));
    }

    /** Vectors, for parameters such as biases. */
    public static List<Shape> vectors() {
        return List.of(Shape.vector(1), Shape.vector(17), Shape.vector(1024));
    }
}
