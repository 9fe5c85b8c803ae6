package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.EpochOrder;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.TrainingStep;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What one training step of S (784-128-10, ReLU, softmax with cross-entropy, batch 64) sends to
 * the device, counted by {@link OpenClTraffic}: its kernel launches and its host-to-device
 * copies, the same for every warm step. On the blocked GEMM family (CPU devices; forced on
 * others), whose kernels fuse a layer's passes: the batch's gather, each layer's forward pass,
 * the loss's gradient and sum, each layer's backward pass with SGD folded in.
 */
class OpenClStepTrafficTest {
    /** Examples in the data set: ten batches. */
    static final int EXAMPLES = 640;
    static final int BATCH = 64;
    static final int FEATURES = 784;
    static final int CLASSES = 10;

    /** The most kernels a warm S step with plain SGD may launch. */
    static final int MOST_SGD_LAUNCHES = 6;

    @Test
    void aWarmSgdStepOnKeptDataCopiesNothingInAndLaunchesSixKernels() {
        try (OpenClBackend backend = blocked(Map.of())) {
            OpenClTraffic step = perStep(backend, () -> new Sgd(0.1f));
            assertEquals(new OpenClTraffic(MOST_SGD_LAUNCHES, 0, 0), step);
        }
    }

    @Test
    void withoutKeptDataASgdStepCopiesItsBatchInAndLaunchesOneKernelLess() {
        try (OpenClBackend backend = blocked(Map.of(OpenClBackend.KEEP_DATA_OPTION, "off"))) {
            OpenClTraffic step = perStep(backend, () -> new Sgd(0.1f));
            assertEquals(new OpenClTraffic(MOST_SGD_LAUNCHES - 1, 2,
                    (long) BATCH * (FEATURES + CLASSES) * Float.BYTES), step);
        }
    }

    @Test
    void momentumAndAdamAddOneUpdateLaunchPerParameter() {
        try (OpenClBackend backend = blocked(Map.of())) {
            checkOneUpdateLaunchPerParameter(backend);
        }
    }

    /** A backend on the device, with the blocked family's 8-float row and {@code options}. */
    private static OpenClBackend blocked(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put(ClTuning.OPTION, ClTuning.BLOCKED.name());
        return OpenClTestSupport.open(all);
    }

    private static void checkOneUpdateLaunchPerParameter(OpenClBackend backend) {
        OpenClTraffic sgd = perStep(backend, () -> new Sgd(0.1f));
        for (Supplier<Optimizer> optimizer : java.util.List.<Supplier<Optimizer>>of(
                () -> new Sgd(0.1f).momentum(0.9f, true), () -> new Adam(1e-3f))) {
            OpenClTraffic step = perStep(backend, optimizer);
            assertEquals(MOST_SGD_LAUNCHES + 4, step.launches(), step::toString);
            assertEquals(sgd.launches() + 4, step.launches(), step::toString);
            assertEquals(0, step.hostToDeviceBytes(), step::toString);
        }
    }

    @Test
    void trafficIsRefusedForAnotherBackend() {
        try (Backend cpu = Backends.load("cpu")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OpenClTraffic.of(cpu));
            assertTrue(e.getMessage().contains("cpu"), e.getMessage());
        }
    }

    /**
     * The traffic of one warm step of S with {@code optimizer}: steps 3 to 12 of an epoch,
     * each checked to cost the same.
     */
    static OpenClTraffic perStep(OpenClBackend backend, Supplier<Optimizer> optimizer) {
        Dataset data = pixels(new Random(18));
        int[] order = new int[EXAMPLES];
        EpochOrder.fill(order, 5, 0);
        try (Sequential net = Sequential.builder(FEATURES).dense(128, Activation.RELU)
                .dense(CLASSES, Activation.SOFTMAX).build(backend, 42);
             Optimizer closing = optimizer.get();
             TrainingStep step = new TrainingStep(net, closing, Loss.CATEGORICAL_CROSSENTROPY,
                     data, BATCH);
             Tensor total = backend.zeros(Shape.vector(1))) {
            for (int batch = 0; batch < 3; batch++) {
                step.run(order, batch, total);
            }
            OpenClTraffic first = null;
            for (int batch = 3; batch < step.batches(); batch++) {
                OpenClTraffic before = OpenClTraffic.of(backend);
                step.run(order, batch, total);
                OpenClTraffic cost = OpenClTraffic.of(backend).minus(before);
                if (first == null) {
                    first = cost;
                }
                assertEquals(first, cost, "batch " + batch + " against batch 3");
            }
            assertTrue(Float.isFinite(backend.toArray(total)[0]));
            return first;
        }
    }

    /** MNIST-like examples: pixels {@code p / 255} of bytes, one-hot classes. */
    static Dataset pixels(Random random) {
        float[] features = new float[EXAMPLES * FEATURES];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextInt(256) / 255f;
        }
        int[] labels = random.ints(EXAMPLES, 0, CLASSES).toArray();
        return Dataset.ofClasses(features, FEATURES, labels, CLASSES);
    }
}
