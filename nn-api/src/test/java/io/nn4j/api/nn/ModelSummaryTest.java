package io.nn4j.api.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nn4j.api.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary of an MNIST-sized network: its rows, totals and table. */
class ModelSummaryTest {
    private final ModelSummary summary = ModelSummary.of(Sequential.builder(784)
            .dense(128, Activation.RELU).dropout(0.2f).dense(10, Activation.SOFTMAX)
            .architecture());

    @Test
    void countsEveryLayersParameters() {
        assertEquals(List.of(new ModelSummary.LayerSummary(0, "dense", "relu", 128, 100_480),
                new ModelSummary.LayerSummary(1, "dropout", "", 128, 0),
                new ModelSummary.LayerSummary(2, "dense", "softmax", 10, 1_290)),
                summary.layers());
        assertEquals(784, summary.inputSize());
        assertEquals(101_770, summary.parameters());
        assertEquals(407_080, summary.bytes());
    }

    @Test
    void printsATable() {
        assertEquals("""
                layer  kind     activation  output shape   params
                input                       [batch, 784]        0
                0      dense    relu        [batch, 128]  100,480
                1      dropout  -           [batch, 128]        0
                2      dense    softmax     [batch, 10]     1,290
                total params: 101,770 (397.5 KiB as float32)
                trainable params: 101,770
                non-trainable params: 0
                """, summary.toString());
    }
}
