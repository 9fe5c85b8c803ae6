package io.nn4j.api.testkit;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend conformance suite. A backend module runs it with one class:
 *
 * <pre>{@code
 * class OpenClConformanceTest extends BackendConformanceKit {
 *     protected String backendName() { return "opencl"; }
 * }
 * }</pre>
 *
 * <p>Every op of {@link Backend} is compared with the float64 reference
 * ({@link io.nn4j.api.reference}) on fresh
 * seeded inputs, outputs poisoned with NaN first, within the {@link Tolerances}; whole small
 * networks pass finite-difference {@link GradientCheck}s; bad input is rejected as
 * {@link io.nn4j.api.spi.CheckedBackend} checks; and class indices that name no class give NaN without
 * leaving their row ({@link ClassIndexConformance}). Cases over {@link Activation} and {@link Loss} follow
 * their {@code values()}, so a new activation or loss is tested as soon as it exists. The
 * backend is opened once for the class and closed after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceKit {
    private static final String CASES = "io.nn4j.api.testkit.BackendConformanceKit#";

    private Backend backend;

    /** The provider name of the backend under test, as {@link Backends#load(String)} takes it. */
    protected abstract String backendName();

    /**
     * Opens a backend under test; the kit closes it. By default
     * {@code Backends.load(backendName())}; override to test a backend opened with particular
     * options or wrapped in another. Also called for the second instance the foreign-tensor
     * check needs.
     */
    protected Backend openBackend() {
        return Backends.load(backendName());
    }

    @BeforeAll
    final void openKitBackend() {
        backend = openBackend();
    }

    @AfterAll
    final void closeKitBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    // ---- linear algebra ------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.GemmConformance#tilingCases")
    void gemmTiling(GemmConformance.Case c) {
        GemmConformance.check(backend, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.GemmConformance#mnistCases")
    void gemmMnistShapes(GemmConformance.Case c) {
        GemmConformance.check(backend, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.GemmConformance#scalingCases")
    void gemmAlphaBeta(GemmConformance.Case c) {
        GemmConformance.check(backend, c);
    }

    // ---- layer ops -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(CASES + "activationShapes")
    void biasActivation(Activation f, Shape shape) {
        LayerOpConformance.checkForward(backend, f, shape);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Activation.class)
    void biasActivationLargeInputs(Activation f) {
        LayerOpConformance.checkLargeInputs(backend, f);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(CASES + "activationShapes")
    void activationBackward(Activation f, Shape shape) {
        LayerOpConformance.checkBackward(backend, f, shape, false);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Activation.class)
    void activationBackwardInPlace(Activation f) {
        LayerOpConformance.checkBackward(backend, f, Shape.matrix(33, 65), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.KitShapes#matrices")
    void columnSums(Shape shape) {
        LayerOpConformance.checkColumnSums(backend, shape, 1f, 0f);
        LayerOpConformance.checkColumnSums(backend, shape, -1f / shape.rows(), 0f);
        LayerOpConformance.checkColumnSums(backend, shape, -0.1f / shape.rows(), 0.99f);
        LayerOpConformance.checkColumnSums(backend, shape, 0.5f, 1f);
    }

    // ---- losses and metrics --------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(CASES + "denseForwardCases")
    void denseForward(Activation f, FusedOpConformance.Dims dims) {
        FusedOpConformance.checkDenseForward(backend, f, dims);
    }

    @ParameterizedTest(name = "{0} {1} propagate={2} folded={3}")
    @MethodSource(CASES + "denseBackwardCases")
    void denseBackward(Activation g, FusedOpConformance.Dims dims, boolean propagate,
                       boolean folded) {
        FusedOpConformance.checkDenseBackward(backend, g, dims, propagate, folded);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(CASES + "lossShapes")
    void lossGradientAndSum(Loss loss, Shape shape) {
        FusedOpConformance.checkLossGradientAndSum(backend, loss, shape, false);
        FusedOpConformance.checkLossGradientAndSum(backend, loss, shape, true);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(CASES + "lossShapes")
    void lossGradient(Loss loss, Shape shape) {
        LossConformance.checkGradient(backend, loss, shape);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(CASES + "lossShapes")
    void accumulateLoss(Loss loss, Shape shape) {
        LossConformance.checkValue(backend, loss, shape, false);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Loss.class)
    void accumulateLossOfCertainOutputs(Loss loss) {
        LossConformance.checkValue(backend, loss, Shape.matrix(64, 10), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES + "classIndexShapes")
    void classIndicesThatNameNoClassGiveNaNAndNeverLeaveTheRow(Shape shape) {
        ClassIndexConformance.checkGradient(backend, shape);
        ClassIndexConformance.checkValue(backend, shape);
        ClassIndexConformance.checkCorrect(backend, shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.KitShapes#outputs")
    void argmaxRows(Shape shape) {
        MetricConformance.checkArgmax(backend, shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.KitShapes#outputs")
    void accumulateCorrect(Shape shape) {
        MetricConformance.checkCorrect(backend, shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.KitShapes#outputs")
    void accumulateCorrectWithClassIndices(Shape shape) {
        MetricConformance.checkCorrectClassIndices(backend, shape);
    }

    @Test
    void accumulateCorrectOfBinaryDecisions() {
        MetricConformance.checkCorrectBinary(backend, 1);
        MetricConformance.checkCorrectBinary(backend, 257);
    }

    @Test
    void metricsTakeTheFirstOfTiedMaxima() {
        MetricConformance.checkArgmaxTies(backend);
        MetricConformance.checkCorrectTies(backend);
    }

    // ---- optimizer updates ---------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES + "parameterShapes")
    void sgdUpdate(Shape shape) {
        UpdateConformance.checkSgd(backend, shape, 0.1f, 0f);
        UpdateConformance.checkSgd(backend, shape, 0.003f, 1e-2f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Loss.class)
    void inPlaceSgd(Loss loss) {
        InPlaceUpdateConformance.check(backend, loss, 0.1f, 0f);
        InPlaceUpdateConformance.check(backend, loss, 0.05f, 1e-2f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES + "parameterShapes")
    void momentumUpdate(Shape shape) {
        UpdateConformance.checkMomentum(backend, shape, false, 0f);
        UpdateConformance.checkMomentum(backend, shape, true, 1e-2f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES + "parameterShapes")
    void adamUpdate(Shape shape) {
        UpdateConformance.checkAdam(backend, shape, 0f);
        UpdateConformance.checkAdam(backend, shape, 1e-2f);
    }

    // ---- dropout -------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.KitShapes#matrices")
    void dropout(Shape shape) {
        DropoutConformance.checkDropout(backend, shape, 0.5f, 42L);
        DropoutConformance.checkDropout(backend, shape, 0.1f, -7_000_000_000L);
        DropoutConformance.checkDropout(backend, shape, 0f, 3L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.KitShapes#matrices")
    void multiply(Shape shape) {
        DropoutConformance.checkMultiply(backend, shape);
    }

    // ---- tensors and elementwise utilities -----------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES + "parameterShapes")
    void tensorData(Shape shape) {
        TensorConformance.checkRoundTrip(backend, shape);
        TensorConformance.checkCopyInOut(backend, shape, 0);
        TensorConformance.checkCopyInOut(backend, shape, 5);
        TensorConformance.checkCopyInRows(backend, shape);
        TensorConformance.checkKeptRows(backend, shape);
        TensorConformance.checkFill(backend, shape, -2.5f);
    }

    @Test
    void copyBetweenShapesOfOneSize() {
        TensorConformance.checkCopy(backend, Shape.matrix(3, 17), Shape.vector(51));
        TensorConformance.checkCopy(backend, Shape.matrix(256, 10), Shape.matrix(10, 256));
    }

    // ---- whole networks ------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.nn4j.api.testkit.GradientCheck#cases")
    void gradientCheck(GradientCheck.Case c) {
        GradientCheck.check(backend, c);
    }

    @Test
    void divergenceFromANonFiniteInputIsCaughtAndRolledBack() {
        DivergenceConformance.checkNonFiniteInput(backend);
        DivergenceConformance.checkNonFiniteInputAtTheEpochEnd(backend);
    }

    @Test
    void divergenceFromAStepSizeIsCaughtAndRolledBack() {
        DivergenceConformance.checkHugeLearningRate(backend);
        DivergenceConformance.checkStepSizeBlowUpRollsBackToTheLastGoodCheck(backend);
    }

    @Test
    void classWeightsOfOneTrainAsNoneAndOthersWeightTheLoss() {
        TrainingControlConformance.checkClassWeights(backend);
    }

    @Test
    void epochsContinueAcrossFitCallsBitForBit() {
        TrainingControlConformance.checkEpochsContinueAcrossFits(backend);
    }

    @Test
    void earlyStoppingRestoresTheBestEpochBitForBit() {
        TrainingControlConformance.checkEarlyStoppingRestoresTheBestEpoch(backend);
    }

    // ---- threads -------------------------------------------------------------------------

    @Test
    void concurrentPredictionsMatchTheSingleThreadedOnes() throws Exception {
        ConcurrencyConformance.checkConcurrentPredictions(backend,
                Double.parseDouble(System.getProperty("nn.kit.stressSeconds", "5")));
    }

    @Test
    void aTrainingThreadRefusesTheOthers() throws Exception {
        ConcurrencyConformance.checkTrainingIsExclusive(backend);
    }

    // ---- the shared contract -------------------------------------------------------------

    @Test
    void rejectsMismatchedShapes() {
        ContractConformance.checkGemmShapeMismatch(backend);
        ContractConformance.checkShapeMismatch(backend);
    }

    @Test
    void rejectsTensorsOfAnotherBackend() {
        try (Backend other = openBackend()) {
            ContractConformance.checkForeignTensor(backend, other);
        }
    }

    @Test
    void rejectsClosedTensors() {
        ContractConformance.checkClosedTensor(backend);
    }

    @Test
    void aClosedBackendsTensorsAreUnusable() {
        ContractConformance.checkClosedBackend(openBackend());
    }

    @Test
    void rejectsArraysOfTheWrongLength() {
        ContractConformance.checkWrongLength(backend);
    }

    @Test
    void memoryReturnsToBaseline() {
        ContractConformance.checkMemoryAccounting(backend);
    }

    // ---- case lists ----------------------------------------------------------------------

    static Stream<Arguments> activationShapes() {
        return combine(Activation.values(), KitShapes.matrices());
    }

    static Stream<Arguments> denseForwardCases() {
        return Stream.of(Activation.values()).flatMap(f -> FusedOpConformance.dims().stream()
                .map(d -> Arguments.of(f, d)));
    }

    static Stream<Arguments> denseBackwardCases() {
        return FusedOpConformance.backwardCases().stream().map(Arguments::of);
    }

    static Stream<Arguments> lossShapes() {
        return combine(Loss.values(), KitShapes.outputs());
    }

    static List<Shape> classIndexShapes() {
        return List.of(Shape.matrix(11, 2), Shape.matrix(33, 10), Shape.matrix(257, 3));
    }

    static List<Shape> parameterShapes() {
        List<Shape> shapes = new ArrayList<>(KitShapes.vectors());
        shapes.addAll(KitShapes.matrices());
        return shapes;
    }

    private static Stream<Arguments> combine(Object[] values, List<Shape> shapes) {
        return Stream.of(values).flatMap(v -> shapes.stream().map(s -> Arguments.of(v, s)));
    }
}
