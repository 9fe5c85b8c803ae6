package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.testkit.CrossBackendEquivalence;
import io.nn4j.api.testkit.RequiredBackend;
import io.nn4j.api.train.Sgd;
import io.nn4j.api.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenCL backend on the real MNIST files against the cpu backend: the same losses step by
 * step, the same accuracy after the reference run, and a model file saved on one that predicts
 * the same classes on the other. Skipped where OpenCL is unavailable, unless
 * {@code nn.opencl.required} is true (CI), where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenClMnistIT {
    private MnistData data;

    @BeforeAll
    void load() throws IOException {
        RequiredBackend.check("opencl");
        data = MnistTestData.load();
    }

    private static Sequential.Builder reference() {
        return Sequential.builder(784).dense(128, Activation.RELU).dense(10, Activation.SOFTMAX);
    }

    private List<EpochStats> train(Backend backend, int epochs) {
        try (Sequential model = reference().build(backend, 42); Sgd sgd = new Sgd(0.1f)) {
            return Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(sgd)
                    .batchSize(64).epochs(epochs).seed(42).build()
                    .fit(model, data.train().oneHot(), data.test().oneHot());
        }
    }

    @Test
    void theFirstHundredLossesMatchCpu() {
        CrossBackendEquivalence.Run run = CrossBackendEquivalence.Run.sgd(reference(), 42,
                data.train().oneHot(), Loss.CATEGORICAL_CROSSENTROPY, 0.1f, 64, 100);
        CrossBackendEquivalence.Losses losses =
                CrossBackendEquivalence.assertEquivalent("cpu", "opencl", run);
        assertEquals(100, losses.second().size());
    }

    @Test
    void theReferenceRunLandsWithinAThirdOfAPointOfCpu() {
        double cpu;
        double opencl;
        try (Backend backend = Backends.load("cpu")) {
            cpu = train(backend, 5).get(4).testAccuracy();
        }
        try (Backend backend = Backends.load("opencl")) {
            opencl = train(backend, 5).get(4).testAccuracy();
        }
        assertTrue(opencl >= 0.965, "opencl test accuracy " + opencl);
        assertEquals(cpu, opencl, 0.003, "test accuracy on cpu and opencl");
    }

    @Test
    void aModelSavedOnCpuPredictsTheSameClassesOnOpenCl(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mnist.nn4j");
        int[] onCpu;
        try (Backend cpu = Backends.load("cpu");
             Sequential model = reference().build(cpu, 7); Sgd sgd = new Sgd(0.1f)) {
            Trainer.builder().loss(Loss.CATEGORICAL_CROSSENTROPY).optimizer(sgd).batchSize(64)
                    .epochs(1).seed(7).build()
                    .fit(model, data.train().oneHot(), data.test().oneHot());
            ModelFile.save(model, file);
            onCpu = Predictions.argmax(Predictions.outputs(model, data.test()), 10);
        }
        try (Backend opencl = Backends.load("opencl");
             Sequential loaded = ModelFile.load(file, opencl)) {
            int[] onOpenCl = Predictions.argmax(Predictions.outputs(loaded, data.test()), 10);
            assertArrayEquals(onCpu, onOpenCl, "classes of the 10,000 test images");
        }
    }
}
