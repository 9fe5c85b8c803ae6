package io.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Optimizer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** A task that fails part way through its first attempt is retried and changes nothing. */
class RetriedTaskTest {
    private static final Architecture NET = Sequential.builder(Blobs.FEATURES)
            .dense(8, Activation.RELU).dense(Blobs.CLASSES, Activation.SOFTMAX).architecture();
    /** First attempts that threw, in this JVM (local mode runs the tasks here). */
    static final AtomicInteger FAILURES = new AtomicInteger();

    @Test
    void aTaskThatThrowsOnItsFirstAttemptIsRetriedAndTheRoundIsUnchanged() {
        JavaRDD<Example> rdd = LocalSpark.context().parallelize(Blobs.examples(120, 9), 2);
        float[] clean;
        float[] retried;
        try (Backend backend = Backends.load("cpu")) {
            try (SparkFit fit = trainer(false).fit(rdd, backend)) {
                clean = SparkTrainerTest.weights(fit.model());
            }
            int before = FAILURES.get();
            try (SparkFit fit = trainer(true).fit(rdd, backend)) {
                retried = SparkTrainerTest.weights(fit.model());
            }
            assertTrue(FAILURES.get() - before >= 3, "partition 1 failed once in each of the "
                    + "3 epochs' rounds: " + (FAILURES.get() - before));
        }
        assertArrayEquals(clean, retried);
    }

    private static SparkTrainer trainer(boolean flaky) {
        return SparkTrainer.builder(NET).loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .optimizer(rate -> new FlakySgd(rate, flaky), 0.1f)
                .batchSize(12).epochs(3).seed(4).build();
    }

    /**
     * SGD with momentum-free updates from stored gradients that, when flaky, throws at the
     * third step of partition 1's first attempt, after two steps have changed the model.
     */
    static final class FlakySgd extends Optimizer {
        private final boolean flaky;

        FlakySgd(float rate, boolean flaky) {
            super(rate);
            this.flaky = flaky;
        }

        @Override
        protected List<String> stateNames() {
            return List.of();
        }

        @Override
        protected void update(Parameter parameter, Tensor[] state, float rate, int t) {
            TaskContext task = TaskContext.get();
            if (flaky && t == 3 && task.partitionId() == 1 && task.attemptNumber() == 0
                    && parameter.name().endsWith("0.weights")) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure of partition 1, attempt 0");
            }
            parameter.value().backend().sgdUpdate(parameter.value(), parameter.gradient(), rate,
                    weightDecay());
        }
    }
}
