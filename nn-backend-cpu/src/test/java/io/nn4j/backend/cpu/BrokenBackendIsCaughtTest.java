package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import io.nn4j.api.testkit.CrossBackendEquivalence;
import io.nn4j.api.testkit.GemmConformance;
import io.nn4j.api.testkit.GradientCheck;
import io.nn4j.api.testkit.LayerOpConformance;
import io.nn4j.api.testkit.LossConformance;
import io.nn4j.backend.cpu.FaultyBackend.Fault;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * Proof that the conformance kit can fail: the cpu backend with one planted bug (see
 * {@link FaultyBackend}) goes through the kit's own checks, which must report it, while the
 * same checks pass on the unbroken backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokenBackendIsCaughtTest {
    private Backend cpu;

    @BeforeAll
    void open() {
        cpu = Backends.load("cpu");
    }

    @AfterAll
    void close() {
        cpu.close();
    }

    /** A small, an odd-sized and the largest MNIST product, each in two transpose forms. */
    static Stream<GemmConformance.Case> gemmCases() {
        List<GemmConformance.Case> tiling = GemmConformance.tilingCases();
        List<GemmConformance.Case> mnist = GemmConformance.mnistCases();
        return Stream.of(tiling.get(0), tiling.get(7), tiling.get(tiling.size() - 2),
                mnist.get(4), mnist.get(7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gemmCases")
    void gemmWithOneWrongElementIsCaught(GemmConformance.Case c) {
        assertCaught("gemm(", Fault.GEMM_ONE_ELEMENT, b -> GemmConformance.check(b, c));
    }

    @Test
    void gemmThatDropsATransposeIsCaught() {
        GemmConformance.Case square = new GemmConformance.Case(64, 64, 64, true, false, 1f, 0f);
        assertCaught("gemm(Aᵀ, B", Fault.GEMM_IGNORES_TRANSPOSE_A,
                b -> GemmConformance.check(b, square));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationBackwardWithOneWrongElementIsCaught(Activation f) {
        assertCaught("activationBackward(" + f.id() + ")", Fault.ACTIVATION_BACKWARD_ONE_ELEMENT,
                b -> LayerOpConformance.checkBackward(b, f, Shape.matrix(256, 1024), false));
        assertCaught("gradient check", Fault.ACTIVATION_BACKWARD_ONE_ELEMENT,
                b -> GradientCheck.check(b, new GradientCheck.Case(f,
                        Loss.CATEGORICAL_CROSSENTROPY, 3)));
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void lossGradientWithOneWrongElementIsCaught(Loss loss) {
        assertCaught("lossGradient(" + loss.id() + ")", Fault.LOSS_GRADIENT_ONE_ELEMENT,
                b -> LossConformance.checkGradient(b, loss, Shape.matrix(256, 10)));
        assertCaught("gradient check", Fault.LOSS_GRADIENT_ONE_ELEMENT,
                b -> GradientCheck.check(b, new GradientCheck.Case(Activation.TANH, loss, 2)));
    }

    @Test
    void crossBackendEquivalenceCatchesAWrongActivationBackward() {
        CrossBackendEquivalence.Run run = CpuGemmEnginesAgreeTest.blobsRun(100);
        assertCaught("training step", Fault.ACTIVATION_BACKWARD_ONE_ELEMENT,
                b -> CrossBackendEquivalence.assertEquivalent(cpu, b, run));
    }

    /** A check that uses a backend. */
    private interface Check {
        void run(Backend backend) throws Throwable;
    }

    /**
     * Asserts that {@code check} passes on the cpu backend and fails with an assertion whose
     * message contains {@code expected} once {@code fault} is planted.
     */
    private void assertCaught(String expected, Fault fault, Check check) {
        assertDoesNotThrow(() -> check.run(cpu), "the check must pass on the unbroken backend");
        Backend broken = FaultyBackend.wrap(cpu, fault);
        Executable onBroken = () -> check.run(broken);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, onBroken,
                "the kit let " + fault + " through");
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
