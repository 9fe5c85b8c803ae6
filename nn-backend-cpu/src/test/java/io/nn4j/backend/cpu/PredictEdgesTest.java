package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The edges of building and querying a network: sizes, row counts, row widths. */
class PredictEdgesTest {
    private Backend backend;
    private Sequential model;

    @BeforeEach
    void build() {
        backend = Backends.load("cpu");
        model = Sequential.builder(3).dense(4, Activation.RELU).dense(2, Activation.SOFTMAX)
                .build(backend, 5);
    }

    @AfterEach
    void close() {
        model.close();
        backend.close();
    }

    @Test
    void theThreePredictFormsAgree() {
        float[] flat = {0.5f, -1f, 2f, 3f, 0f, -0.25f};
        float[] expected = model.predict(flat, 2);
        float[][] byRow = model.predict(new float[][] {{0.5f, -1f, 2f}, {3f, 0f, -0.25f}});
        assertArrayEquals(new float[] {expected[0], expected[1]}, byRow[0]);
        assertArrayEquals(new float[] {expected[2], expected[3]}, byRow[1]);
        try (Tensor input = backend.fromArray(flat, Shape.matrix(2, 3));
             Tensor output = backend.zeros(Shape.matrix(2, 2))) {
            model.predict(input, output);
            assertArrayEquals(expected, backend.toArray(output));
        }
    }

    @Test
    void predictRefusesARowCountThatDoesNotMatchTheInput() {
        refuses("predict: input has 6 values; expected 3 rows of 3 features = 9",
                () -> model.predict(new float[6], 3));
        refuses("predict: input has 6 values; expected 0 rows of 3 features",
                () -> model.predict(new float[6], 0));
    }

    @Test
    void predictNamesTheFirstRowOfTheWrongWidth() {
        refuses("predict: row 1 has 2 features; expected 3",
                () -> model.predict(new float[][] {{1, 2, 3}, {1, 2}, {1}}));
        refuses("predict: row 0 has no array; expected 3",
                () -> model.predict(new float[][] {null}));
        refuses("predict: no rows", () -> model.predict(new float[0][]));
    }

    @Test
    void predictIntoTensorsChecksBothShapes() {
        try (Tensor input = backend.zeros(Shape.matrix(2, 3));
             Tensor output = backend.zeros(Shape.matrix(3, 2))) {
            refuses("predict: input [2, 3] and output [3, 2]; expected [m, 3] and [m, 2]",
                    () -> model.predict(input, output));
        }
    }

    @Test
    void aLayerTooLargeForOneTensorIsRefusedBeforeAnythingIsAllocated() {
        long before = backend.memory().liveTensors();
        refuses("784 inputs times 2147483647 outputs is 1683627179248 weights; at most 2147483639",
                () -> Sequential.builder(784).dense(Integer.MAX_VALUE, Activation.RELU)
                        .build(backend, 1));
        assertEquals(before, backend.memory().liveTensors(), "tensors left behind");
    }

    private static void refuses(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
