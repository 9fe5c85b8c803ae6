package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Loss;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.spi.BackendOptions;
import io.nn4j.api.testkit.Blobs;
import io.nn4j.api.testkit.CrossBackendEquivalence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cross-backend equivalence helper on the two GEMM engines of the cpu backend (native BLAS
 * and EJML): different summation orders, so the losses are close but not identical. Skipped
 * where no native BLAS loads.
 */
class CpuGemmEnginesAgreeTest {
    private static final int STEPS = 300;

    /**
     * A 3-layer classifier of Gaussian blobs (20 features, 4 classes, 512 examples) trained
     * with SGD in batches of 32 for {@code steps} steps.
     */
    static CrossBackendEquivalence.Run blobsRun(int steps) {
        Blobs blobs = Blobs.of(512, 20, 4, 5);
        Sequential.Builder network = Sequential.builder(blobs.featureCount())
                .dense(32, Activation.RELU)
                .dense(16, Activation.TANH)
                .dense(blobs.classes(), Activation.SOFTMAX);
        return CrossBackendEquivalence.Run.sgd(network, 42, blobs.oneHot(),
                Loss.CATEGORICAL_CROSSENTROPY, 0.05f, 32, steps);
    }

    private static Backend cpuWithGemm(String engine) {
        return new CpuBackendProvider().create(
                BackendOptions.of(Map.of(CpuBackendProvider.GEMM_OPTION, engine)));
    }

    @Test
    void blasAndEjmlTrainAlike() {
        try (Backend blas = cpuWithGemm("auto");
             Backend ejml = cpuWithGemm("ejml")) {
            assumeFalse(blas.description().contains("gemm: ejml"),
                    "no native BLAS loads here, so both engines would be EJML");
            CrossBackendEquivalence.Losses losses = CrossBackendEquivalence.assertEquivalent(
                    blas, ejml, blobsRun(STEPS));
            List<Double> curve = losses.first();
            assertEquals(STEPS, curve.size(), "one loss per step");
            double early = curve.subList(0, 16).stream().mapToDouble(Double::doubleValue).sum();
            double late = curve.subList(STEPS - 16, STEPS).stream()
                    .mapToDouble(Double::doubleValue).sum();
            assertTrue(late < early / 2, "the loss fell: first 16 steps sum " + early
                    + ", last 16 sum " + late);
            assertNotEquals(losses.first(), losses.second(),
                    "the engines sum in different orders, so the check is not trivially exact");
        }
    }

    @Test
    void sparseTargetsTrainAlikeOnBothEngines() {
        Blobs blobs = Blobs.of(256, 12, 3, 8);
        CrossBackendEquivalence.Run run = CrossBackendEquivalence.Run.sgd(
                Sequential.builder(12).dense(16, Activation.TANH).dense(3, Activation.SOFTMAX),
                4, blobs.sparse(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 0.05f, 32, 50);
        try (Backend blas = new CpuBackendProvider().create(BackendOptions.of(Map.of()));
             Backend ejml = cpuWithGemm("ejml")) {
            assertEquals(50, CrossBackendEquivalence.assertEquivalent(blas, ejml, run)
                    .second().size());
        }
    }
}
