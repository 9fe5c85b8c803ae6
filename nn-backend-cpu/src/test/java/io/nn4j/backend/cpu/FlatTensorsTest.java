package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.FlatTensors;
import io.nn4j.api.Parameter;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatTensorsTest extends FreshCpuBackend {

    @Test
    void aModelsParametersRoundTripThroughOneArray() {
        try (Sequential model = Sequential.builder(3).dense(4, Activation.RELU)
                .dense(2, Activation.SOFTMAX).build(backend, 5);
             Sequential other = Sequential.builder(3).dense(4, Activation.RELU)
                .dense(2, Activation.SOFTMAX).build(backend, 6)) {
            List<Tensor> values = model.parameters().stream().map(Parameter::value).toList();
            assertEquals(3 * 4 + 4 + 4 * 2 + 2, FlatTensors.length(values));
            float[] flat = FlatTensors.toArray(values);
            assertArrayEquals(backend.toArray(values.get(0)),
                    java.util.Arrays.copyOfRange(flat, 0, 12), "the first tensor comes first");
            assertArrayEquals(backend.toArray(values.get(3)),
                    java.util.Arrays.copyOfRange(flat, 24, 26), "the last tensor comes last");

            List<Tensor> target = other.parameters().stream().map(Parameter::value).toList();
            float[] padded = new float[flat.length + 3];
            System.arraycopy(flat, 0, padded, 3, flat.length);
            FlatTensors.copyIn(padded, 3, target);
            float[] input = {0.5f, -1f, 2f};
            assertArrayEquals(model.predict(input, 1), other.predict(input, 1));
            float[] back = new float[flat.length + 1];
            FlatTensors.copyOut(target, back, 1);
            assertArrayEquals(flat, java.util.Arrays.copyOfRange(back, 1, back.length));
        }
    }

    @Test
    void anArrayTooShortIsNamedWithBothCounts() {
        try (Sequential model = Sequential.builder(3).dense(2, Activation.SOFTMAX)
                .build(backend, 5)) {
            List<Tensor> values = model.parameters().stream().map(Parameter::value).toList();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FlatTensors.copyIn(new float[8], 1, values));
            assertTrue(e.getMessage().contains("2 tensors hold 8 values; the array has 8 and "
                    + "the offset is 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> FlatTensors.copyOut(values, new float[8], -1));
        }
    }
}
