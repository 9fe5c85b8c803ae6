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
import io.nn4j.api.testkit.StepAllocationMeter;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import io.nn4j.api.train.TrainingStep;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Memory: no device buffer leaks over a long training run, a warm training step allocates
 * nothing on the Java heap, and a too-large buffer gets a clear error.
 */
class OpenClMemoryTest {
    @RegisterExtension
    static final OpenClBackendPerClass OPENCL = new OpenClBackendPerClass();

    @Test
    void tenThousandTrainingStepsLeaveLiveBuffersUnchanged() {
        OpenClBackend backend = OPENCL.backend();
        int batch = 64;
        int steps = 10_000;
        int batches = steps / 500;
        Random random = new Random(42);
        float[] features = new float[batches * batch * 784];
        float[] targets = new float[batches * batch * 10];
        fill(random, features, targets, batches * batch);
        int[] order = IntStream.range(0, batches * batch).toArray();
        try (Sequential net = Sequential.builder(784).dense(32, Activation.RELU)
                .dense(10, Activation.SOFTMAX).build(backend, 42);
             Optimizer sgd = new Sgd(0.01f);
             TrainingStep trainingStep = new TrainingStep(net, sgd, Loss.CATEGORICAL_CROSSENTROPY,
                     new Dataset(features, 784, targets, 10), batch);
             Tensor total = backend.zeros(Shape.vector(1))) {
            MemoryStats warm = null;
            for (int step = 0; step < steps; step++) {
                trainingStep.run(order, step / 500, total);
                if (step == 9) {
                    warm = backend.memory();
                }
            }
            float loss = backend.toArray(total)[0] / ((float) steps * batch);
            assertTrue(Float.isFinite(loss) && loss > 0f, "mean loss " + loss);
            assertEquals(warm, backend.memory(), "live tensors and bytes after 10,000 steps");
        }
    }

    @Test
    void aWarmTrainingStepAllocatesNothingOnTheHeap() {
        Blobs train = Blobs.of(640, 12, 3, 1);
        Blobs test = Blobs.of(64, 12, 3, 2);
        for (Optimizer optimizer : new Optimizer[] {new Sgd(0.05f), new Adam(0.01f)}) {
            StepAllocationMeter meter = new StepAllocationMeter(3, 6);
            try (Sequential net = Sequential.builder(12).dense(32, Activation.RELU).dropout(0.2f)
                    .dense(3, Activation.SOFTMAX).build(OPENCL.backend(), 7);
                 Optimizer closing = optimizer) {
                Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(closing)
                        .batchSize(16).epochs(6).seed(9).listener(meter).build()
                        .fit(net, train.oneHot(), test.oneHot());
            }
            assertTrue(meter.quietestEpochBytes() < meter.perStepAllocationThreshold(),
                    optimizer + ": " + meter);
        }
    }

    /**
     * Real devices allow buffers larger than any {@link Shape} (8 GiB on PoCL here, 19.8 GiB on
     * an H100), so the backend is opened on the same device with its maximum allocation
     * reported as 4 MiB.
     */
    @Test
    void aTensorLargerThanTheMaximumAllocationIsRefusedByName() {
        ClDeviceInfo real = OPENCL.backend().deviceInfo();
        long maxAlloc = 4L << 20;
        ClDeviceInfo capped = new ClDeviceInfo(real.index(), real.platform(), real.device(),
                real.platformName(), real.deviceName(), real.type(), real.computeUnits(),
                maxAlloc, real.globalMemBytes(), real.maxWorkGroupSize(),
                real.floatVectorWidth());
        try (OpenClBackend small = OpenClBackend.open(capped, ClTuning.forDevice(capped, null))) {
            small.zeros(Shape.matrix(1024, 1024)).close(); // exactly the maximum is allowed
            MemoryStats before = small.memory();
            Shape shape = Shape.matrix(1024, 1025);
            OpenClException e = assertThrows(OpenClException.class, () -> small.zeros(shape));
            String message = e.getMessage();
            assertTrue(message.contains(shape.toString()), message);
            assertTrue(message.contains(String.valueOf(shape.size() * Float.BYTES)), message);
            assertTrue(message.contains("CL_DEVICE_MAX_MEM_ALLOC_SIZE"), message);
            assertTrue(message.contains(String.valueOf(maxAlloc)), message);
            assertEquals(before, small.memory());
        }
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
