package io.nn4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.Parameter;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.train.Adam;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.EpochOrder;
import io.nn4j.api.train.Optimizer;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.TrainingStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Training data kept on the device ({@link ClKeptRows}): what fits, how features of few values
 * are packed, and training on kept data bit for bit as on batches copied in.
 */
class OpenClKeptRowsTest {
    @RegisterExtension
    static final OpenClBackendPerClass OPENCL = new OpenClBackendPerClass();

    @Test
    void featuresOfAtMost256ValuesArePackedAsBytesInOrderOfAppearance() {
        float[] values = {0.5f, -0f, 0f, 0.5f, Float.NaN, 1f / 255, -0f};
        float[] palette = new float[ClKeptRows.PALETTE];
        byte[] packed = ClKeptRows.pack(values, palette);
        assertArrayEquals(new byte[] {0, 1, 2, 0, 3, 4, 1}, packed);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToRawIntBits(values[i]),
                    Float.floatToRawIntBits(palette[packed[i] & 0xFF]), "value " + i);
        }
        float[] many = new float[ClKeptRows.PALETTE + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        assertNull(ClKeptRows.pack(many, new float[ClKeptRows.PALETTE]));
        assertEquals(ClKeptRows.PALETTE, ClKeptRows.pack(Arrays.copyOf(many,
                ClKeptRows.PALETTE), new float[ClKeptRows.PALETTE]).length);
    }

    @Test
    void dataIsKeptWhenItFitsInAQuarterOfTheDeviceMemoryAndOneAllocation() {
        ClDeviceInfo real = OPENCL.backend().deviceInfo();
        ClDeviceInfo small = new ClDeviceInfo(real.index(), real.platform(), real.device(),
                real.platformName(), real.deviceName(), real.type(), real.computeUnits(),
                600, 4000, real.maxWorkGroupSize(), real.floatVectorWidth());
        assertTrue(ClKeptRows.fits(small, 600, 400));
        assertFalse(ClKeptRows.fits(small, 600, 401), "over a quarter of 4000 bytes");
        assertFalse(ClKeptRows.fits(small, 601, 0), "over the largest allocation");
    }

    @Test
    void aDataSetTooLargeForTheDeviceIsNotKeptAndItsBatchesAreCopiedIn() {
        ClDeviceInfo real = OPENCL.backend().deviceInfo();
        ClDeviceInfo small = new ClDeviceInfo(real.index(), real.platform(), real.device(),
                real.platformName(), real.deviceName(), real.type(), real.computeUnits(),
                real.maxAllocBytes(), 4L << 20, real.maxWorkGroupSize(),
                real.floatVectorWidth());
        try (OpenClBackend backend = OpenClBackend.open(small, ClTuning.forDevice(small, null))) {
            float[] fits = new float[1000 * 100];
            float[] tooLarge = new float[2000 * 1000];
            for (int i = 0; i < tooLarge.length; i++) {
                tooLarge[i] = i;
            }
            assertTrue(backend.keepRows(fits, 100, new float[1000], 1).isPresent(),
                    "400 KB of floats, packed to 100 KB, in a quarter of 4 MiB");
            assertTrue(backend.keepRows(tooLarge, 1000, new float[2000], 1).isEmpty(),
                    "8 MB of floats of 2,000,000 values");
        }
    }

    @Test
    void theOptionIsCheckedBeforeTheDeviceIsOpened() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OpenClBackendProvider().create(BackendOptions.of(
                        Map.of(OpenClBackend.KEEP_DATA_OPTION, "yes"))));
        assertTrue(e.getMessage().contains("nn.opencl.keep-data is 'yes'; expected auto or off"),
                e.getMessage());
    }

    @Test
    void trainingOnKeptDataIsBitForBitTrainingOnBatchesCopiedIn() {
        Dataset floats = OpenClStepTrafficTest.pixels(new Random(21));
        Dataset bytes = bytePixels(new Random(22));
        try (OpenClBackend copying = OpenClTestSupport.open(
                Map.of(OpenClBackend.KEEP_DATA_OPTION, "off"))) {
            for (Dataset data : List.of(floats, bytes)) {
                for (Supplier<Optimizer> optimizer : List.<Supplier<Optimizer>>of(
                        () -> new Sgd(0.1f), () -> new Adam(1e-3f))) {
                    List<float[]> kept = train(OPENCL.backend(), optimizer, data);
                    List<float[]> copied = train(copying, optimizer, data);
                    for (int i = 0; i < kept.size(); i++) {
                        assertArrayEquals(copied.get(i), kept.get(i), "array " + i);
                    }
                }
            }
        }
    }

    @Test
    void featuresHeldAsBytesAreKeptAsBytes() {
        OpenClBackend backend = OPENCL.backend();
        Dataset bytes = bytePixels(new Random(4));
        try (Sequential net = Sequential.builder(784).dense(8, Activation.RELU)
                .dense(10, Activation.SOFTMAX).build(backend, 1);
             Optimizer sgd = new Sgd(0.1f)) {
            OpenClTraffic before = OpenClTraffic.of(backend);
            OpenClTraffic kept;
            try (TrainingStep step = new TrainingStep(net, sgd, Loss.CATEGORICAL_CROSSENTROPY,
                    bytes, 64)) {
                kept = OpenClTraffic.of(backend).minus(before);
                assertEquals(10, step.batches());
            }
            long expected = (long) bytes.size() * 784 + ClKeptRows.PALETTE * Float.BYTES
                    + (long) bytes.size() * 10 * Float.BYTES;
            assertEquals(new OpenClTraffic(0, 3, expected), kept, "codes, palette, targets");
        }
    }

    /** {@link OpenClStepTrafficTest#pixels}'s kind of data set, its features held as bytes. */
    private static Dataset bytePixels(Random random) {
        int examples = OpenClStepTrafficTest.EXAMPLES;
        byte[] features = new byte[examples * 784];
        random.nextBytes(features);
        return Dataset.ofClasses(features, 784, 255f, random.ints(examples, 0, 10).toArray(), 10);
    }

    @Test
    void theOrderIsUploadedOncePerEpoch() {
        OpenClBackend backend = OPENCL.backend();
        Dataset data = OpenClStepTrafficTest.pixels(new Random(3));
        int[] order = new int[data.size()];
        try (Sequential net = Sequential.builder(784).dense(16, Activation.RELU)
                .dense(10, Activation.SOFTMAX).build(backend, 1);
             Optimizer sgd = new Sgd(0.1f);
             TrainingStep step = new TrainingStep(net, sgd, Loss.CATEGORICAL_CROSSENTROPY, data,
                     64);
             Tensor total = backend.zeros(Shape.vector(1))) {
            for (int epoch = 0; epoch < 2; epoch++) {
                EpochOrder.fill(order, 11, epoch);
                OpenClTraffic before = OpenClTraffic.of(backend);
                for (int batch = 0; batch < step.batches(); batch++) {
                    step.run(order, batch, total);
                }
                OpenClTraffic epochTraffic = OpenClTraffic.of(backend).minus(before);
                assertEquals(1, epochTraffic.hostToDeviceCopies(), epochTraffic::toString);
                assertEquals((long) order.length * Integer.BYTES,
                        epochTraffic.hostToDeviceBytes(), epochTraffic::toString);
            }
        }
    }

    /**
     * Two epochs of a small network on MNIST-like pixels: the parameters after them and the
     * summed loss of each epoch.
     */
    private static List<float[]> train(OpenClBackend backend, Supplier<Optimizer> optimizer,
                                       Dataset data) {
        int[] order = new int[data.size()];
        List<float[]> result = new ArrayList<>();
        try (Sequential net = Sequential.builder(784).dense(32, Activation.RELU)
                .dense(10, Activation.SOFTMAX).build(backend, 5);
             Optimizer closing = optimizer.get();
             TrainingStep step = new TrainingStep(net, closing, Loss.CATEGORICAL_CROSSENTROPY,
                     data, 50);
             Tensor total = backend.zeros(Shape.vector(1))) {
            for (int epoch = 0; epoch < 2; epoch++) {
                EpochOrder.fill(order, 8, epoch);
                for (int batch = 0; batch < step.batches(); batch++) {
                    step.run(order, batch, total);
                }
                result.add(backend.toArray(total));
            }
            for (Parameter p : net.parameters()) {
                result.add(backend.toArray(p.value()));
            }
        }
        return result;
    }
}
