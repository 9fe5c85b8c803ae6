package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.MemoryStats;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.testkit.Blobs;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import io.nn4j.api.train.TrainingListener;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Memory: no device buffer leaks over a long training run, a warm training step allocates
 * nothing on the Java heap, and a too-large buffer gets a clear error.
 */
class OpenClMemoryTest {
    private static OpenClBackend backend;

    @BeforeAll
    static void open() {
        backend = OpenClTestSupport.open();
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void tenThousandTrainingStepsLeaveLiveBuffersUnchanged() {
        int batch = 64;
        Random random = new Random(42);
        float[] features = new float[batch * 784];
        float[] targets = new float[batch * 10];
        try (Sequential net = Sequential.builder(784).dense(32, Activation.RELU)
                .dense(10, Activation.SOFTMAX).build(backend, 42);
             Optimizer sgd = new Sgd(0.01f);
             Tensor x = backend.zeros(Shape.matrix(batch, 784));
             Tensor y = backend.zeros(Shape.matrix(batch, 10));
             Tensor gradient = backend.zeros(Shape.matrix(batch, 10));
             Tensor total = backend.zeros(Shape.vector(1))) {
            MemoryStats warm = null;
            for (int step = 0; step < 10_000; step++) {
                if (step % 500 == 0) {
                    fill(random, features, targets, batch);
                }
                backend.copyIn(features, 0, x);
                backend.copyIn(targets, 0, y);
                Tensor output = net.forward(x, true);
                backend.lossGradient(Loss.CATEGORICAL_CROSSENTROPY, output, y, gradient);
                backend.accumulateLoss(Loss.CATEGORICAL_CROSSENTROPY, output, y, total);
                net.backward(gradient, Loss.CATEGORICAL_CROSSENTROPY);
                sgd.step(net.parameters());
                if (step == 9) {
                    warm = backend.memory();
                }
            }
            float loss = backend.toArray(total)[0] / (10_000f * batch);
            assertTrue(Float.isFinite(loss) && loss > 0f, "mean loss " + loss);
            assertEquals(warm, backend.memory(), "live tensors and bytes after 10,000 steps");
        }
    }

    @Test
    void aWarmTrainingStepAllocatesNothingOnTheHeap() {
        Blobs train = Blobs.of(640, 12, 3, 1);
        Blobs test = Blobs.of(64, 12, 3, 2);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Optimizer optimizer : new Optimizer[] {new Sgd(0.05f), new Adam(0.01f)}) {
            long[] allocated = new long[2];
            TrainingListener meter = new TrainingListener() {
                @Override
                public void onBatchEnd(int epoch, int batch, int batches) {
                    if (epoch == 3 && batch == 2) {
                        allocated[0] = threads.getCurrentThreadAllocatedBytes();
                    } else if (epoch == 3 && batch == batches - 1) {
                        allocated[1] = threads.getCurrentThreadAllocatedBytes();
                    }
                }
            };
            try (Sequential net = Sequential.builder(12).dense(32, Activation.RELU).dropout(0.2f)
                    .dense(3, Activation.SOFTMAX).build(backend, 7);
                 Optimizer closing = optimizer) {
                Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(closing)
                        .batchSize(16).epochs(3).seed(9).listener(meter).build()
                        .fit(net, train.oneHot(), test.oneHot());
            }
            long bytes = allocated[1] - allocated[0];
            // 0 here; the smallest object is 16 bytes, so any per-step allocation exceeds 37 × 16.
            assertTrue(bytes < 37 * 16, bytes + " bytes allocated by 37 warm steps with "
                    + optimizer);
        }
    }

    @Test
    void aTensorLargerThanTheMaximumAllocationIsRefusedByName() {
        long maxAlloc = backend.deviceInfo().maxAllocBytes();
        int cols = 16_384;
        long rows = maxAlloc / Float.BYTES / cols + 1;
        Assumptions.assumeTrue(rows * cols <= Integer.MAX_VALUE,
                "the device allows buffers larger than any Shape (" + maxAlloc + " bytes)");
        MemoryStats before = backend.memory();
        Shape shape = Shape.matrix((int) rows, cols);
        OpenClException e = assertThrows(OpenClException.class, () -> backend.zeros(shape));
        String message = e.getMessage();
        assertTrue(message.contains(shape.toString()), message);
        assertTrue(message.contains(String.valueOf(rows * cols * Float.BYTES)), message);
        assertTrue(message.contains("CL_DEVICE_MAX_MEM_ALLOC_SIZE"), message);
        assertTrue(message.contains(String.valueOf(maxAlloc)), message);
        assertEquals(before, backend.memory());
    }

    private static void fill(Random random, float[] features, float[] targets, int batch) {
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat();
        }
        java.util.Arrays.fill(targets, 0f);
        for (int r = 0; r < batch; r++) {
            targets[r * 10 + random.nextInt(10)] = 1f;
        }
    }
}
