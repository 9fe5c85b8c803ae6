package io.nn4j.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Backend;
import io.nn4j.api.Parameter;
import io.nn4j.api.ParameterUpdate;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterUpdateTest {
    private final Parameter weights = new Parameter("dense0.weights", new Stub(), new Stub());

    @Test
    void plainSgdIsFoldedIntoTheValuesAtTheScheduledRate() {
        try (Optimizer sgd = new Sgd(0.2f).weightDecay(1e-3f)
                .schedule(LearningRateSchedule.step(1, 0.5))) {
            ParameterUpdate update = sgd.parameterUpdate();
            assertSame(weights.value(), update.target(weights));
            assertEquals(-0.2f * (1f / 8), update.alpha(weights, 8));
            assertEquals(1f - 0.2f * 1e-3f, update.beta(weights));
            sgd.startEpoch(1);
            assertSame(update, sgd.parameterUpdate(), "the same update is reused, not remade");
            assertEquals(-0.1f * (1f / 8), update.alpha(weights, 8));
            assertEquals(1f - 0.1f * 1e-3f, update.beta(weights));
        }
    }

    @Test
    void optimizersWithStateHaveTheGradientsStored() {
        try (Optimizer momentum = new Sgd(0.1f).momentum(0.9f, false);
             Optimizer adam = new Adam(1e-3f)) {
            assertSame(ParameterUpdate.STORE_GRADIENT, momentum.parameterUpdate());
            assertSame(ParameterUpdate.STORE_GRADIENT, adam.parameterUpdate());
        }
    }

    @Test
    void storingTheGradientWritesTheBatchMeanIntoTheGradient() {
        ParameterUpdate store = ParameterUpdate.STORE_GRADIENT;
        assertSame(weights.gradient(), store.target(weights));
        assertEquals(1f / 7, store.alpha(weights, 7));
        assertEquals(0f, store.beta(weights));
    }

    @Test
    void finishStepCountsEveryStepOfPlainSgd() {
        try (Optimizer sgd = new Sgd(0.1f)) {
            sgd.finishStep(List.of(weights));
            sgd.finishStep(List.of(weights));
            assertEquals(2, sgd.steps());
            assertTrue(sgd.stateTensors(List.of(weights)).isEmpty(), "plain SGD keeps no state");
        }
    }

    @Test
    void rejectsBadRatesAndDecays() {
        for (float rate : new float[] {0f, -0.1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Sgd(rate));
            assertTrue(e.getMessage().contains("learning rate must be positive and finite, got "
                    + rate), e.getMessage());
        }
        for (float decay : new float[] {-1e-3f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Sgd(0.1f).weightDecay(decay));
            assertTrue(e.getMessage().contains("weight decay must be >= 0 and finite, got "
                    + decay), e.getMessage());
        }
    }

    /** A tensor no op ever reads: these updates only name tensors and factors; no backend. */
    private static final class Stub implements Tensor {
        @Override
        public Shape shape() {
            return Shape.matrix(2, 3);
        }

        @Override
        public Backend backend() {
            return null;
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
